using System.IO.Compression;
using System.Net;
using System.Text;
using Langaj.Core.Fetching;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Tests.Fetching;

public sealed class PageFetcherTests
{
    private static FetchRequest Local(LoopbackSite site, string path, ConditionalRequest? conditional = null) =>
        new(site.Url(path), AllowPrivateAddresses: true, conditional);

    [Fact]
    public async Task Sends_the_honest_user_agent_and_returns_bytes_and_content_type()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
            app.MapGet("/page", () => Results.Text("<p>é</p>", "text/html; charset=utf-8")));
        using var services = FetchingServices.Create();

        var page = await services.Fetcher().FetchAsync(Local(site, "/page"), default);

        Assert.Equal("<p>é</p>", Encoding.UTF8.GetString(page.Body));
        Assert.Equal("text/html; charset=utf-8", page.ContentType);
        Assert.Equal(site.Url("/page"), page.FinalUrl);
        Assert.All(site.Requests, r => Assert.Equal("Langaj/1.0 (+https://github.com/langaj/langaj; feed builder)", r.Header("User-Agent")));
        Assert.Single(site.RequestsTo("/robots.txt"));
    }

    [Fact]
    public async Task Conditional_get_sends_validators_and_reports_not_modified_on_304()
    {
        var lastModified = new DateTimeOffset(2026, 11, 20, 8, 0, 0, TimeSpan.Zero);
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/feed", (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"v1\"";
            context.Response.Headers.LastModified = lastModified.ToString("R");
            return context.Request.Headers.IfNoneMatch == "\"v1\"" ? Results.StatusCode(304) : Results.Text("<rss/>", "application/rss+xml");
        }));
        using var services = FetchingServices.Create();

        var first = await services.Fetcher().FetchAsync(Local(site, "/feed"), default);
        var second = await services.Fetcher().FetchAsync(Local(site, "/feed", new ConditionalRequest(first.ETag, first.LastModified)), default);

        Assert.False(first.NotModified);
        Assert.Equal("\"v1\"", first.ETag);
        Assert.Equal(lastModified, first.LastModified);
        Assert.True(second.NotModified);
        Assert.Empty(second.Body);
        var conditional = site.RequestsTo("/feed")[1];
        Assert.Equal("\"v1\"", conditional.Header("If-None-Match"));
        Assert.Equal(lastModified.ToString("R"), conditional.Header("If-Modified-Since"));
    }

    [Fact]
    public async Task A_declared_length_over_the_cap_fails_before_reading_the_body()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/huge", async (HttpContext context) =>
        {
            context.Response.ContentLength = 50_000_000;
            await context.Response.Body.WriteAsync(new byte[1024]);
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        using var services = FetchingServices.Create(o => o.MaxBodyBytes = 1024 * 1024);

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/huge"), default));

        Assert.Contains("declares 50000000 bytes, over the 1048576-byte limit", error.Message);
    }

    [Fact]
    public async Task A_chunked_body_over_the_cap_fails_while_streaming()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/stream", async (HttpContext context) =>
        {
            var chunk = new byte[64 * 1024];
            for (var sent = 0; sent < 20 * 1024 * 1024 && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        }));
        using var services = FetchingServices.Create(o => o.MaxBodyBytes = 1024 * 1024);

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/stream"), default));

        Assert.Contains("sent more than 1048576 bytes", error.Message);
    }

    [Fact]
    public async Task A_500_is_retried_and_the_retry_succeeds()
    {
        var calls = 0;
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(500) : Results.Text("ok")));
        using var services = FetchingServices.Create();

        var page = await services.Fetcher().FetchAsync(Local(site, "/flaky"), default);

        Assert.Equal("ok", Encoding.UTF8.GetString(page.Body));
        Assert.Equal(2, site.RequestsTo("/flaky").Count);
    }

    [Fact]
    public async Task A_persistent_error_names_the_status_and_url()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/gone", () => Results.StatusCode(410)));
        using var services = FetchingServices.Create();

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/gone"), default));

        Assert.Equal($"HTTP 410 Gone from {site.Url("/gone")}", error.Message);
        Assert.Single(site.RequestsTo("/gone"));
    }

    [Fact]
    public async Task A_429_waits_as_long_as_retry_after_asks()
    {
        var calls = 0;
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/busy", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) > 1)
            {
                return Results.Text("ok");
            }
            context.Response.Headers.RetryAfter = "1";
            return Results.StatusCode(429);
        }));
        using var services = FetchingServices.Create();

        var page = await services.Fetcher().FetchAsync(Local(site, "/busy"), default);

        Assert.Equal("ok", Encoding.UTF8.GetString(page.Body));
        var requests = site.RequestsTo("/busy");
        Assert.Equal(2, requests.Count);
        // The backoff alone is 20 ms here; only Retry-After explains a wait of a second.
        Assert.True(requests[1].Time - requests[0].Time >= TimeSpan.FromMilliseconds(600), $"waited {requests[1].Time - requests[0].Time}");
    }

    [Fact]
    public async Task A_retry_after_beyond_the_cap_fails_at_once()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/busy", (HttpContext context) =>
        {
            context.Response.Headers.RetryAfter = "86400";
            return Results.StatusCode(429);
        }));
        using var services = FetchingServices.Create();

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/busy"), default));

        Assert.Contains("HTTP 429", error.Message);
        Assert.Contains("asked to retry after 86400 s, more than the 30 s Langaj waits", error.Message);
        Assert.Single(site.RequestsTo("/busy"));
    }

    [Fact]
    public async Task A_hanging_server_times_out_per_attempt()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/hang", async (HttpContext context) =>
            await Task.Delay(Timeout.Infinite, context.RequestAborted)));
        using var services = FetchingServices.Create(o =>
        {
            o.Timeout = TimeSpan.FromMilliseconds(300);
            o.MaxRetries = 1;
        });

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/hang"), default));

        Assert.Equal($"{site.Url("/hang")} timed out after 300 ms (after 2 attempts)", error.Message);
        Assert.Equal(2, site.RequestsTo("/hang").Count);
    }

    [Fact]
    public async Task A_body_that_stalls_after_the_headers_hits_the_overall_timeout()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/stall", async (HttpContext context) =>
        {
            await context.Response.Body.WriteAsync("<html>"u8.ToArray());
            await context.Response.Body.FlushAsync();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        }));
        using var services = FetchingServices.Create(o => o.OverallTimeout = TimeSpan.FromMilliseconds(800));

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/stall"), default));

        Assert.Equal($"{site.Url("/stall")} timed out after 800 ms overall", error.Message);
    }

    [Fact]
    public async Task A_redirect_loop_stops_with_a_clear_error()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/loop", () => Results.Redirect("/loop")));
        using var services = FetchingServices.Create();

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/loop"), default));

        Assert.Contains("redirect not followed", error.Message);
        Assert.Contains("at most 5 redirects are followed", error.Message);
        Assert.Equal(6, site.RequestsTo("/loop").Count);
    }

    [Fact]
    public async Task Redirects_are_followed_and_the_final_url_reported()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/old", () => Results.Redirect("/new", permanent: true));
            app.MapGet("/new", () => Results.Text("moved"));
        });
        using var services = FetchingServices.Create();

        var page = await services.Fetcher().FetchAsync(Local(site, "/old"), default);

        Assert.Equal(site.Url("/new"), page.FinalUrl);
        Assert.Equal(site.Url("/old"), page.RequestedUrl);
        Assert.Equal("moved", Encoding.UTF8.GetString(page.Body));
    }

    [Fact]
    public async Task A_gzip_body_is_decompressed()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/gz", async (HttpContext context) =>
        {
            using var packed = new MemoryStream();
            await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true))
            {
                await gzip.WriteAsync(Encoding.UTF8.GetBytes(new string('a', 10_000)));
            }
            context.Response.Headers.ContentEncoding = "gzip";
            context.Response.ContentType = "text/plain";
            await context.Response.Body.WriteAsync(packed.ToArray());
        }));
        using var services = FetchingServices.Create();

        var page = await services.Fetcher().FetchAsync(Local(site, "/gz"), default);

        Assert.Equal(new string('a', 10_000), Encoding.UTF8.GetString(page.Body));
        Assert.Contains("br", site.RequestsTo("/gz")[0].Header("Accept-Encoding"));
    }

    [Fact]
    public async Task Only_http_and_https_are_fetched()
    {
        using var services = FetchingServices.Create();

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.Fetcher().FetchAsync(new FetchRequest(new Uri("file:///etc/passwd"), AllowPrivateAddresses: true), default));

        Assert.Equal("refused: file:///etc/passwd is not an http or https URL", error.Message);
    }

    [Fact]
    public async Task A_site_where_nothing_listens_is_reported_as_connection_refused_not_as_a_robots_rule()
    {
        var port = LoopbackSite.FreePort();
        using var services = FetchingServices.Create(o => o.MaxRetries = 1);
        var url = new Uri($"http://127.0.0.1:{port}/page");

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(new FetchRequest(url, true), default));

        Assert.Equal(FetchFailure.ConnectionRefused, error.Failure);
        Assert.Equal($"could not fetch http://127.0.0.1:{port}/robots.txt: connection refused by 127.0.0.1:{port} (nothing listens there)", error.Message);
    }

    [Fact]
    public async Task A_name_that_does_not_resolve_is_reported_as_a_dns_failure()
    {
        using var services = FetchingServices.Create(o => o.RespectRobotsTxt = false);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.Fetcher().FetchAsync(new FetchRequest(new Uri("http://nowhere.news.test/page"), false), default));

        Assert.Equal(FetchFailure.Dns, error.Failure);
        Assert.Equal("could not fetch http://nowhere.news.test/page: DNS lookup of nowhere.news.test failed (no such host)", error.Message);
    }

    [Fact]
    public async Task Https_to_a_server_that_speaks_no_tls_is_reported_as_a_tls_failure()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/page", () => Results.Text("ok")));
        using var services = FetchingServices.Create(o => (o.RespectRobotsTxt, o.MaxRetries) = (false, 0));
        var url = new UriBuilder(site.Url("/page")) { Scheme = "https" }.Uri;

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(new FetchRequest(url, true), default));

        Assert.Equal(FetchFailure.Tls, error.Failure);
        Assert.StartsWith($"could not fetch {url}: TLS with 127.0.0.1 failed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http_errors_and_oversized_bodies_name_their_cause()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/gone", () => Results.NotFound());
            app.MapGet("/big", () => Results.Text(new string('x', 4096)));
        });
        using var services = FetchingServices.Create(o => o.MaxBodyBytes = 1024);

        var gone = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/gone"), default));
        var big = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(Local(site, "/big"), default));

        Assert.Equal((FetchFailure.HttpStatus, $"HTTP 404 Not Found from {site.Url("/gone")}"), (gone.Failure, gone.Message));
        Assert.Equal(FetchFailure.TooLarge, big.Failure);
    }
}
