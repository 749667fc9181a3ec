using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;

namespace Langaj.Integration.Tests.Api;

/// <summary>
/// What link checkers, feed checkers and browser apps send besides GET: HEAD, OPTIONS, CORS preflights,
/// and methods a route does not take. Generic over the read routes, so any host's client can run it.
/// </summary>
public sealed class ReadRoutesTests(ScrapedDemoHost demo) : IClassFixture<ScrapedDemoHost>
{
    private const string Origin = "https://reader.example";

    public static TheoryData<string> ReadRoutes =>
        ["api/", "api/feeds/rss", "api/feeds/atom", "api/feeds/json", "api/feeds.opml", "api/articles", "api/articles/0123456789abcdef0123456789abcdef", "api/health", "api/openapi.json", "api/feeds.xsl"];

    private LocalHost Host => demo.Host;

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task Head_answers_as_get_does_without_a_body(string url)
    {
        using var get = await Host.Client.GetAsync(url);
        using var head = await Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, url));

        Assert.Equal(get.StatusCode, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType, head.Content.Headers.ContentType);
        Assert.Equal(get.Headers.ETag, head.Headers.ETag);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task A_browser_on_another_origin_may_read_and_revalidate(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Origin", Origin);
        using var response = await Host.Client.SendAsync(request);

        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("ETag", string.Join(',', response.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task A_preflight_is_answered_with_204_and_the_allowed_methods(string url)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, url);
        request.Headers.Add("Origin", Origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        request.Headers.Add("Access-Control-Request-Headers", "if-none-match");
        using var response = await Host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("GET", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("if-none-match", string.Join(',', response.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("GET, HEAD, OPTIONS", string.Join(", ", response.Content.Headers.Allow));
    }

    [Theory]
    [MemberData(nameof(ReadRoutes))]
    public async Task Other_methods_get_405_with_allow(string url)
    {
        using var response = await Host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, url));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD", "OPTIONS"], response.Content.Headers.Allow.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string> ListingRoutes => ["api/feeds/rss", "api/feeds/atom", "api/feeds/json", "api/articles"];

    [Theory]
    [MemberData(nameof(ListingRoutes))]
    public async Task An_unknown_source_or_category_is_the_same_404_problem_on_every_listing(string route)
    {
        foreach (var (parameter, title) in new[] { ("source", "Unknown source"), ("category", "Unknown category") })
        {
            using var response = await Host.Client.GetAsync($"{route}?{parameter}=nope");

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(title, problem.GetProperty("title").GetString());
            Assert.Contains("'nope'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Feed_dates_are_the_articles_own_dates()
    {
        var feed = JsonDocument.Parse(await Host.Client.GetStringAsync("api/feeds/json")).RootElement;
        var item = feed.GetProperty("items")[0];
        var id = item.GetProperty("id").GetString()!["urn:langaj:article:".Length..];
        var article = JsonDocument.Parse(await Host.Client.GetStringAsync($"api/articles/{id}")).RootElement;

        var published = article.GetProperty("published").GetDateTimeOffset();
        var modified = article.GetProperty("modified").ValueKind == JsonValueKind.Null ? published : article.GetProperty("modified").GetDateTimeOffset();
        Assert.Equal(published, item.GetProperty("date_published").GetDateTimeOffset());
        Assert.Equal(modified, item.GetProperty("date_modified").GetDateTimeOffset());
    }

    [Fact]
    public async Task An_empty_feed_is_dated_when_it_was_rendered_not_1970()
    {
        await using var empty = await LocalHost.StartAsync(demo.Azurite, demo: true);
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);

        var atom = System.Xml.Linq.XDocument.Parse(await empty.Client.GetStringAsync("api/feeds/atom?source=demo"));

        var updated = DateTimeOffset.Parse(atom.Root!.Element(System.Xml.Linq.XName.Get("updated", "http://www.w3.org/2005/Atom"))!.Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(updated, before, DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task The_article_list_and_an_article_send_strong_validators_and_answer_304()
    {
        using var list = await Host.Client.GetAsync("api/articles?limit=2");
        var id = JsonDocument.Parse(await list.Content.ReadAsStringAsync()).RootElement.GetProperty("items")[0].GetProperty("id").GetString();
        foreach (var url in new[] { "api/articles?limit=2", $"api/articles/{id}" })
        {
            using var response = await Host.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var etag = response.Headers.ETag!;
            Assert.False(etag.IsWeak);
            Assert.StartsWith("public, max-age=", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
            Assert.NotNull(response.Content.Headers.LastModified);

            using var again = new HttpRequestMessage(HttpMethod.Get, url);
            again.Headers.IfNoneMatch.Add(etag);
            using var notModified = await Host.Client.SendAsync(again);
            using var other = new HttpRequestMessage(HttpMethod.Get, url);
            other.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"other\""));
            using var modified = await Host.Client.SendAsync(other);

            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
            Assert.Equal(etag, notModified.Headers.ETag);
            Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
            Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
        }
    }

    public static TheoryData<string, string> CompressedRoutes()
    {
        var data = new TheoryData<string, string>();
        foreach (var url in new[] { "api/feeds/rss", "api/feeds/atom", "api/feeds/json", "api/feeds.opml", "api/articles" })
        {
            data.Add(url, "br");
            data.Add(url, "gzip");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(CompressedRoutes))]
    public async Task Feeds_and_json_come_compressed_as_accepted_with_their_own_etag(string url, string coding)
    {
        using var plain = await Host.Client.GetAsync(url);
        var plainBytes = await plain.Content.ReadAsByteArrayAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", coding == "br" ? "gzip, deflate, br" : "gzip, br;q=0");
        using var compressed = await Host.Client.SendAsync(request);
        var compressedBytes = await compressed.Content.ReadAsByteArrayAsync();

        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal(coding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.Contains("Accept-Encoding", compressed.Headers.Vary);
        Assert.True(compressedBytes.Length < plainBytes.Length, $"{coding} is smaller: {compressedBytes.Length} against {plainBytes.Length}");
        Assert.Equal(plainBytes, Decompress(compressedBytes, coding));
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);

        using var again = new HttpRequestMessage(HttpMethod.Get, url);
        again.Headers.TryAddWithoutValidation("Accept-Encoding", coding);
        again.Headers.IfNoneMatch.Add(compressed.Headers.ETag!);
        using var notModified = await Host.Client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
    }

    [Fact]
    public async Task Nothing_acceptable_but_identity_gets_the_plain_bytes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/feeds/rss");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip;q=0, br;q=0, identity");
        using var response = await Host.Client.SendAsync(request);

        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("<?xml", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static byte[] Decompress(byte[] bytes, string coding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decoder = coding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [Fact]
    public async Task The_home_page_is_valid_html_listing_every_feed_and_each_sources_health()
    {
        using var root = await Host.Client.GetAsync("");
        var html = await root.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, root.StatusCode);
        Assert.Equal("/api/", root.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("text/html", root.Content.Headers.ContentType!.MediaType);
        // Strict mode throws on any HTML parse error.
        var document = new AngleSharp.Html.Parser.HtmlParser(new AngleSharp.Html.Parser.HtmlParserOptions { IsStrictMode = true }).ParseDocument(html);
        Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        Assert.Single(document.QuerySelectorAll("h1"));
        Assert.NotEmpty(document.QuerySelectorAll("h2"));
        Assert.Empty(document.QuerySelectorAll("script"));
        var alternates = document.QuerySelectorAll("link[rel=alternate]").Select(l => l.GetAttribute("href")!).ToList();
        Assert.Contains("/api/feeds/rss", alternates);
        Assert.Contains("/api/feeds/rss?source=demo", alternates);
        Assert.Contains(alternates, a => a.StartsWith("/api/feeds/rss?category=", StringComparison.Ordinal));
        Assert.Contains(" UTC", document.QuerySelector("tbody")!.TextContent, StringComparison.Ordinal);
        foreach (var href in document.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!).Distinct())
        {
            using var linked = await Host.Client.GetAsync(href);
            Assert.True(linked.IsSuccessStatusCode, $"{href} answers {(int)linked.StatusCode}");
        }
    }

    [Fact]
    public async Task Feeds_link_to_the_home_page_that_exists()
    {
        var feed = JsonDocument.Parse(await Host.Client.GetStringAsync("api/feeds/json")).RootElement;
        var home = new Uri(feed.GetProperty("home_page_url").GetString()!);

        Assert.Equal("/api/", home.AbsolutePath);
        using var response = await Host.Client.GetAsync(home);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_operator_endpoint_sends_no_cors_headers_and_answers_no_preflight()
    {
        using var preflight = new HttpRequestMessage(HttpMethod.Options, "api/sources/demo/scrape");
        preflight.Headers.Add("Origin", Origin);
        preflight.Headers.Add("Access-Control-Request-Method", "POST");
        using var preflightResponse = await Host.Client.SendAsync(preflight);
        using var post = new HttpRequestMessage(HttpMethod.Post, "api/sources/demo/scrape");
        post.Headers.Add("Origin", Origin);
        using var postResponse = await Host.Client.SendAsync(post);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, preflightResponse.StatusCode);
        Assert.False(preflightResponse.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.Unauthorized, postResponse.StatusCode);
        Assert.False(postResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Configured_origins_are_the_only_ones_allowed()
    {
        await using var host = await LocalHost.StartAsync(demo.Azurite, demo: true, settings: new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = Origin });
        using var allowed = new HttpRequestMessage(HttpMethod.Get, "api/health");
        allowed.Headers.Add("Origin", Origin);
        using var other = new HttpRequestMessage(HttpMethod.Get, "api/health");
        other.Headers.Add("Origin", "https://elsewhere.example");

        using var allowedResponse = await host.Client.SendAsync(allowed);
        using var otherResponse = await host.Client.SendAsync(other);

        Assert.Equal(Origin, Assert.Single(allowedResponse.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("Origin", allowedResponse.Headers.Vary);
        Assert.False(otherResponse.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
