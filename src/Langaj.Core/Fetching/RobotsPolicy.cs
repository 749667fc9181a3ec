using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Fetching;

/// <summary>
/// robots.txt per scheme, host and port, fetched once and cached. Follows RFC 9309 on failures:
/// a 4xx robots.txt means no restrictions; a 5xx or an unreachable server means "disallow everything"
/// for now, cached only briefly so the site is tried again soon.
/// </summary>
public sealed class RobotsPolicy(IHttpClientFactory clients, IOptions<FetchOptions> options, TimeProvider time, ILogger<RobotsPolicy> logger)
{
    /// <summary>RFC 9309 asks crawlers to parse at least 500 KiB; the rest is ignored.</summary>
    private const int MaxRobotsBytes = 500 * 1024;

    private static readonly TimeSpan s_unreachableCacheDuration = TimeSpan.FromMinutes(5);

    private sealed class Entry(Task<RobotsRules> rules)
    {
        public Task<RobotsRules> Rules { get; } = rules;
        public DateTimeOffset Expires { get; set; } = DateTimeOffset.MaxValue;
    }

    private readonly ConcurrentDictionary<string, Entry> _cache = new(StringComparer.OrdinalIgnoreCase);

    private readonly string _productToken = options.Value.UserAgent.Split('/', ' ')[0];

    public static Uri RobotsUrl(Uri url) => new(url.GetLeftPart(UriPartial.Authority) + "/robots.txt");

    /// <summary>The rules for <paramref name="url"/>'s site, fetching robots.txt when not cached.</summary>
    public async Task<RobotsRules> GetRulesAsync(Uri url, bool allowPrivateAddresses, CancellationToken ct)
    {
        var robotsUrl = RobotsUrl(url);
        // Keyed by permission too: an answer fetched with private addresses allowed must not serve a request without.
        var key = CacheKey(robotsUrl, allowPrivateAddresses);
        while (true)
        {
            var entry = _cache.GetOrAdd(key, _ => new Entry(FetchAsync(robotsUrl, allowPrivateAddresses)));
            if (entry.Expires > time.GetUtcNow())
            {
                try
                {
                    return await entry.Rules.WaitAsync(ct);
                }
                catch (AddressRefusedException)
                {
                    _cache.TryRemove(KeyValuePair.Create(key, entry));
                    throw;
                }
            }
            _cache.TryRemove(KeyValuePair.Create(key, entry));
        }
    }

    private static string CacheKey(Uri robotsUrl, bool allowPrivateAddresses) =>
        (allowPrivateAddresses ? "private|" : "public|") + robotsUrl.AbsoluteUri;

    private async Task<RobotsRules> FetchAsync(Uri robotsUrl, bool allowPrivateAddresses)
    {
        var o = options.Value;
        // Not tied to one caller's token: the result is shared by every request to the site.
        using var timeout = new CancellationTokenSource(o.OverallTimeout);
        var (rules, cacheFor) = await DownloadAsync(robotsUrl, allowPrivateAddresses, o, timeout.Token);
        if (_cache.TryGetValue(CacheKey(robotsUrl, allowPrivateAddresses), out var entry))
        {
            entry.Expires = time.GetUtcNow() + cacheFor;
        }
        return rules;
    }

    private async Task<(RobotsRules, TimeSpan)> DownloadAsync(Uri robotsUrl, bool allowPrivateAddresses, FetchOptions o, CancellationToken ct)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, robotsUrl);
            request.Options.Set(AddressGuard.AllowPrivateAddressesKey, allowPrivateAddresses);
            using var response = await clients.CreateClient(FetchingExtensions.ClientName(allowPrivateAddresses))
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var text = await ReadPrefixAsync(response.Content, ct);
                return (RobotsRules.Parse(text, _productToken), o.RobotsCacheDuration);
            }
            if (status is >= 300 and < 500)
            {
                // 4xx (and redirects past the limit) mean "unavailable": no restrictions.
                return (RobotsRules.AllowAll, o.RobotsCacheDuration);
            }
            logger.RobotsFailed(robotsUrl, status);
            return (RobotsRules.UnavailableBecause(new FetchException(FetchFailure.HttpStatus,
                $"{robotsUrl} answered HTTP {status} {response.ReasonPhrase}; the site is not fetched until it answers")), s_unreachableCacheDuration);
        }
        catch (HttpRequestException e) when (FetchingExtensions.FindRefusal(e) is { } refusal)
        {
            throw refusal;
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            var failure = FetchFailures.From(e, robotsUrl);
            logger.RobotsUnreachable(robotsUrl, failure.Message, e);
            return (RobotsRules.UnavailableBecause(failure), s_unreachableCacheDuration);
        }
        catch (Exception e) when (e is OperationCanceledException or Polly.Timeout.TimeoutRejectedException)
        {
            return (RobotsRules.UnavailableBecause(new FetchException(FetchFailure.Timeout,
                $"{robotsUrl} timed out; the site is not fetched until it answers", e)), s_unreachableCacheDuration);
        }
    }

    private static async Task<string> ReadPrefixAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxRobotsBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
        {
            length += read;
        }
        return Encoding.UTF8.GetString(buffer, 0, length);
    }
}
