using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly.Timeout;

namespace Langaj.Core.Fetching;

/// <summary>One URL to fetch, with the source's permission for private networks and optional validators.</summary>
public sealed record FetchRequest(Uri Url, bool AllowPrivateAddresses, ConditionalRequest? Conditional = null);

/// <summary>
/// Fetches one URL politely and safely: address guard, robots.txt, per-host throttling, conditional GET,
/// retries, timeouts and a body size cap all apply here. Returns raw bytes; decoding is extraction's job.
/// </summary>
public sealed class PageFetcher(
    IHttpClientFactory clients,
    IOptions<FetchOptions> options,
    AddressGuard guard,
    RobotsPolicy robots,
    HostThrottle throttle,
    ILogger<PageFetcher> logger)
{
    public async Task<FetchedPage> FetchAsync(FetchRequest request, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "cancelled";
        try
        {
            var page = await FetchGuardedAsync(request, ct);
            outcome = "ok";
            return page;
        }
        catch (FetchException e)
        {
            outcome = e.Failure.ToString();
            throw;
        }
        finally
        {
            LangajTelemetry.FetchDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds,
                new("server.address", request.Url.Host), new("server.port", request.Url.Port), new(LangajTelemetry.FetchOutcomeTag, outcome));
        }
    }

    private async Task<FetchedPage> FetchGuardedAsync(FetchRequest request, CancellationToken ct)
    {
        var o = options.Value;
        var url = request.Url;
        try
        {
            guard.CheckUrl(url, request.AllowPrivateAddresses);
            using var overall = CancellationTokenSource.CreateLinkedTokenSource(ct);
            overall.CancelAfter(o.OverallTimeout);
            try
            {
                return await FetchCheckedAsync(request, o, overall.Token);
            }
            catch (OperationCanceledException e) when (!ct.IsCancellationRequested && overall.IsCancellationRequested)
            {
                throw new FetchException(FetchFailure.Timeout, $"{url} timed out after {Describe(o.OverallTimeout)} overall", e);
            }
        }
        catch (AddressRefusedException e)
        {
            throw new FetchException(FetchFailure.AddressGuard, e.Message, e);
        }
        catch (HttpRequestException e) when (FetchingExtensions.FindRefusal(e) is { } refusal)
        {
            throw new FetchException(FetchFailure.AddressGuard, refusal.Message, refusal);
        }
        catch (TimeoutRejectedException e)
        {
            throw new FetchException(FetchFailure.Timeout, $"{url} timed out after {Describe(e.Timeout)} (after {o.MaxRetries + 1} attempts)", e);
        }
        catch (HttpRequestException e)
        {
            throw FetchFailures.From(e, url);
        }
        catch (IOException e)
        {
            // The connection broke while the body was read: a cut or reset response is this URL's failure, like any other.
            throw new FetchException(FetchFailure.Network, $"could not read {url}: {e.Message}", e);
        }
    }

    private async Task<FetchedPage> FetchCheckedAsync(FetchRequest request, FetchOptions o, CancellationToken ct)
    {
        var url = request.Url;
        var delay = o.MinDelayPerHost;
        if (o.RespectRobotsTxt)
        {
            var rules = await robots.GetRulesAsync(url, request.AllowPrivateAddresses, ct);
            if (rules.Unavailable is { } unavailable)
            {
                // RFC 9309: a site whose robots.txt cannot be read is not crawled; the cause is the site's, not a rule.
                throw new FetchException(unavailable.Failure, unavailable.Message, unavailable.InnerException);
            }
            if (!rules.IsAllowed(url))
            {
                throw new FetchException(FetchFailure.RobotsTxt, $"{url} is disallowed by a rule of {RobotsPolicy.RobotsUrl(url)}");
            }
            if (rules.CrawlDelay > delay)
            {
                delay = rules.CrawlDelay.Value;
            }
        }

        using var turn = await throttle.EnterAsync(url.IdnHost, delay, ct);
        using var message = new HttpRequestMessage(HttpMethod.Get, url);
        message.Options.Set(AddressGuard.AllowPrivateAddressesKey, request.AllowPrivateAddresses);
        if (request.Conditional is { } conditional)
        {
            if (conditional.ETag is { Length: > 0 } etag)
            {
                message.Headers.TryAddWithoutValidation("If-None-Match", etag);
            }
            if (conditional.LastModified is { } lastModified)
            {
                message.Headers.IfModifiedSince = lastModified;
            }
        }

        using var response = await clients.CreateClient(FetchingExtensions.ClientName(request.AllowPrivateAddresses))
            .SendAsync(message, HttpCompletionOption.ResponseHeadersRead, ct);
        var finalUrl = response.RequestMessage?.RequestUri ?? url;
        var status = (int)response.StatusCode;
        logger.Answered(url, status, finalUrl);

        if (response.StatusCode == HttpStatusCode.NotModified && request.Conditional is not null)
        {
            return new FetchedPage
            {
                RequestedUrl = url,
                FinalUrl = finalUrl,
                NotModified = true,
                ETag = response.Headers.ETag?.ToString() ?? request.Conditional.ETag,
                LastModified = response.Content.Headers.LastModified ?? request.Conditional.LastModified,
            };
        }
        if (status is >= 300 and < 400)
        {
            throw new FetchException(FetchFailure.Redirect,
                $"{url}: redirect not followed at {finalUrl} (HTTP {status}); at most {o.MaxRedirects} redirects are followed, never from https to http");
        }
        if (!response.IsSuccessStatusCode)
        {
            var retryAfter = FetchingExtensions.RetryAfter(response) is { } wait && wait > o.MaxRetryDelay
                ? $"; it asked to retry after {Describe(wait)}, more than the {Describe(o.MaxRetryDelay)} Langaj waits"
                : "";
            throw new FetchException(FetchFailure.HttpStatus, $"HTTP {status} {response.ReasonPhrase} from {finalUrl}{retryAfter}");
        }
        if (response.Content.Headers.ContentLength > o.MaxBodyBytes)
        {
            throw new FetchException(FetchFailure.TooLarge,
                $"{finalUrl} declares {response.Content.Headers.ContentLength} bytes, over the {o.MaxBodyBytes}-byte limit (Fetch:MaxBodyBytes)");
        }

        return new FetchedPage
        {
            RequestedUrl = url,
            FinalUrl = finalUrl,
            Body = await ReadCappedAsync(response.Content, o.MaxBodyBytes, finalUrl, ct),
            ContentType = response.Content.Headers.ContentType?.ToString(),
            ETag = response.Headers.ETag?.ToString(),
            LastModified = response.Content.Headers.LastModified,
        };
    }

    /// <summary>Reads the (decompressed) body, failing as soon as it passes the cap rather than after buffering it.</summary>
    private static async Task<byte[]> ReadCappedAsync(HttpContent content, long maxBytes, Uri url, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var body = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            if (body.Length + read > maxBytes)
            {
                throw new FetchException(FetchFailure.TooLarge, $"{url} sent more than {maxBytes} bytes, the limit (Fetch:MaxBodyBytes)");
            }
            body.Write(buffer, 0, read);
        }
        return body.ToArray();
    }

    private static string Describe(TimeSpan span) =>
        span.TotalSeconds >= 1 ? $"{span.TotalSeconds:0.#} s" : $"{span.TotalMilliseconds:0} ms";
}
