using System.Text;
using Langaj.Integration.Tests.Faults;
using Microsoft.AspNetCore.WebUtilities;

namespace Langaj.Integration.Tests.Hostile;

/// <summary>
/// Hundreds of hostile requests against the real local host, sent byte for byte over a socket: injections in every
/// parameter, OData tricks, path traversal, overlong and malformed values, invalid UTF-8, control characters,
/// duplicate parameters, absurd limits, unknown routes, wrong methods, and the operator endpoint without its key.
/// No answer is a 5xx, every error the application gives is a problem+json 400/401/404/405, and no answer carries
/// an article of a source or category other than the one asked for.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class HostileRequestTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly string[] ListingRoutes = ["/api/articles", "/api/feeds/rss", "/api/feeds/atom", "/api/feeds/json"];
    private static readonly string[] GetRoutes = [.. ListingRoutes, "/api/feeds.opml", "/api/health", "/api/articles/0123456789abcdef0123456789abcdef"];
    private static readonly string[] ListingParameters = ["category", "source", "limit", "cursor"];

    // Values as they go on the wire (already percent-encoded where that is the point).
    private static readonly string[] HostileValues =
    [
        "x%27%20or%20PartitionKey%20ne%20%27",                 // x' or PartitionKey ne '
        "%27%20or%201%20eq%201%20or%20%27",                    // ' or 1 eq 1 or '
        "alpha%27%20or%20SourceId%20ne%20%27alpha",            // breaking out of a source filter
        "beta%27)%20or%20(PartitionKey%20eq%20%27all",
        "PartitionKey%20eq%20%27all%27",
        "%24filter%3DPartitionKey%20ne%20%27%27",              // $filter=PartitionKey ne ''
        "%00",
        "%0d%0aSet-Cookie:%20a%3Db",                           // header injection
        "..%2f..%2fetc%2fpasswd",
        "%2e%2e%2f%2e%2e%2f",
        "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "%ZZ",                                                 // malformed percent-encodings
        "%",
        "%E0%A4%A",
        "%FF%FE%FD",                                           // invalid UTF-8
        "%C0%AF",                                              // overlong UTF-8 for '/'
        "%01%02%1F",                                           // control characters
        "%E2%80%AE",                                           // right-to-left override
        "-1",
        "99999999999999999999",
        "1e3",
        "0x10",
        "%20%205%20",
        new string('a', 300),
        "alpha*",
    ];

    private Dictionary<string, (string Source, string Category)> _articles = null!;

    [Fact]
    public async Task Hostile_requests_get_no_5xx_only_problem_answers_and_no_other_listing()
    {
        await using var site = await FaultSite.StartAsync([FaultSource.Good("alpha", 3, "Politique"), FaultSource.Good("beta", 3, "Sport")]);
        await using var host = await site.StartHostAsync(azurite);
        Assert.Equal(6, (await host.ScrapeAsync()).New);
        _articles = new[] { ("alpha", "Politique"), ("beta", "Sport") }
            .SelectMany(s => Enumerable.Range(1, 3).Select(n => (Id: NewsPages.Id(site.ArticleUrl(s.Item1, n)), s.Item1, s.Item2)))
            .ToDictionary(a => a.Id, a => (a.Item2, a.Item3));
        var alphaId = _articles.First(a => a.Value.Source == "alpha").Key;

        var requests = new List<HostileRequest>();
        foreach (var route in ListingRoutes)
        {
            var values = route is "/api/articles" or "/api/feeds/rss" ? HostileValues : HostileValues[..8];
            foreach (var parameter in ListingParameters)
            {
                // A well-formed but unknown source id is a 404 for feeds ("no such feed"), an empty list for /api/articles.
                requests.AddRange(values.Select(v => Get($"{route}?{parameter}={v}", 200, 400, 404)));
            }
            requests.Add(Get($"{route}?source=alpha&source=beta", 400));
            requests.Add(Get($"{route}?category=politique&category=sport", 400));
            requests.Add(Get($"{route}?limit=1000000", 400));
            requests.Add(Get($"{route}?limit=-5", 400));
            requests.Add(Get($"{route}?limit=2147483648", 400));
            requests.Add(Get($"{route}?category=politique&source=beta", 200));
            requests.Add(Get($"{route}?$filter=PartitionKey%20ne%20%27%27", 200));
            requests.Add(Get($"{route}?%24filter=SourceId%20eq%20%27beta%27&source=alpha", 200));
            requests.Add(Get($"{route}?$select=*&$top=1000", 200));
            // Overlong request lines are refused by the server itself (414), before any application code.
            requests.Add(Protocol($"{route}?category={new string('a', 10 * 1024)}"));
            requests.Add(Protocol($"{route}?source={new string('b', 100 * 1024)}"));
            // Raw bytes no URL may hold: refused by the server's request parser (400).
            requests.Add(Protocol($"{route}?source=\u00ff\u00fe"));
            requests.Add(Protocol($"{route}?category=a\u0001b"));
        }
        // A NUL decoded into a path is refused by the server's request parser too.
        requests.Add(Protocol($"/api/articles/{alphaId}%00"));
        requests.Add(Protocol("/api/feeds/rss%00.xml"));
        requests.Add(Get("/api/feeds.opml?x=1", 400));
        requests.Add(Get("/api/feeds.opml?$filter=1", 400));
        requests.Add(Get("/api/health?source=x%27%20or%20%27", 200));
        foreach (var path in new[]
        {
            "/api/nope", "/api/articles/x/y", "/api/feeds/xml", "/api/feeds", "/api/sources/alpha/scrape/now",
            "/api/health/x", "/admin", "/.env", "/api/feeds/rss/..%2f..%2fhealth", "/api/feeds.opml/x", "/%2e%2e/%2e%2e/etc/passwd",
        })
        {
            requests.Add(Get(path, 404));
        }
        // Dot segments resolve inside the site, never above it: /api/articles/.. is the home page at /api/.
        requests.Add(Get("/api/articles/%2e%2e", 200));
        foreach (var id in new[]
        {
            "..%2f..%2fetc%2fpasswd", "..%2F..%2F..%2Fwindows%2Fwin.ini", "x%27%20or%20PartitionKey%20ne%20%27", alphaId.ToUpperInvariant(), alphaId + "%20", alphaId[..31], alphaId + "0", "%FF%FE", new string('a', 2000), "categories", "all",
        })
        {
            requests.Add(Get("/api/articles/" + id, 404));
        }
        foreach (var route in GetRoutes)
        {
            requests.AddRange(new[] { "POST", "PUT", "DELETE", "PATCH" }.Select(method => new HostileRequest(method, route, [], [405])));
        }
        requests.AddRange(new[] { "GET", "PUT", "DELETE", "PATCH" }.Select(method => new HostileRequest(method, "/api/sources/alpha/scrape", [], [405])));
        // The operator endpoints answer only with the key, whatever the source.
        requests.AddRange(new[] { "/api/sources", "/api/sources/alpha", "/api/sources/nope" }.Select(path => new HostileRequest("GET", path, [], [401])));
        requests.AddRange(new[] { "PUT", "DELETE" }.Select(method => new HostileRequest(method, "/api/sources/alpha", [], [401])));
        foreach (var (target, headers) in new (string, string[])[]
        {
            ("/api/sources/alpha/scrape", []),
            ("/api/sources/alpha/pause", []),
            ("/api/sources/alpha/resume", ["x-functions-key: wrong"]),
            ("/api/sources/alpha/scrape", ["x-functions-key: wrong"]),
            ("/api/sources/alpha/scrape", ["x-functions-key: "]),
            ("/api/sources/alpha/scrape", ["x-functions-key: " + LocalHost.OperatorKey.ToUpperInvariant()]),
            ("/api/sources/alpha/scrape", ["x-functions-key: " + LocalHost.OperatorKey[..^1]]),
            ("/api/sources/alpha/scrape", ["x-functions-key: " + LocalHost.OperatorKey + "x"]),
            ("/api/sources/alpha/scrape", ["x-functions-key: " + new string('k', 10 * 1024)]),
            ("/api/sources/alpha/scrape", ["x-function-key: " + LocalHost.OperatorKey]),
            ("/api/sources/alpha/scrape", ["Authorization: Bearer " + LocalHost.OperatorKey]),
            ("/api/sources/alpha/scrape?code=wrong", []),
            ("/api/sources/alpha/scrape?code=%27%20or%20%271%27%3D%271", []),
            ("/api/sources/nope/scrape", ["x-functions-key: wrong"]),
            ("/api/sources/..%2f..%2f/scrape", []),
            ("/api/sources/x%27%20or%20%27/scrape", []),
        })
        {
            requests.Add(new HostileRequest("POST", target, headers, [401]));
        }
        // Baselines: proper requests, so the leak check is seen to find what it looks for.
        var baselines = ListingRoutes.Select(route => Get($"{route}?source=alpha", 200)).Append(Get("/api/articles/" + alphaId, 200)).ToList();

        var problems = new List<string>();
        var statuses = new Dictionary<int, int>();
        foreach (var request in requests.Concat(baselines))
        {
            var response = await RawHttp.SendAsync(host.BaseUri, request.Method, Encoding.Latin1.GetBytes(request.Target), request.Headers);
            statuses[response.Status] = statuses.GetValueOrDefault(response.Status) + 1;
            problems.AddRange(Check(request, response, mustShowPermitted: baselines.Contains(request)));
        }

        var total = requests.Count + baselines.Count;
        output.WriteLine($"requests {total} ({requests.Count} hostile, of which {requests.Count(r => r.ProtocolLevel)} refused by the HTTP server itself; {baselines.Count} baseline), " +
            $"5xx {statuses.Where(s => s.Key >= 500).Sum(s => s.Value)}, by status: {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} × {s.Value}"))}");
        foreach (var problem in problems)
        {
            output.WriteLine("  " + problem);
        }
        Assert.True(requests.Count >= 200);
        Assert.Empty(problems);
        // The operator endpoint never ran: no hostile request started a scrape.
        Assert.Single(site.Site.RequestsTo("/s/alpha/feed.xml"));
    }

    private IEnumerable<string> Check(HostileRequest request, RawResponse response, bool mustShowPermitted)
    {
        var shown = request.Target.Length > 120 ? request.Target[..120] + "…" : request.Target;
        var what = $"{request.Method} {shown}: {response.Status}";
        if (response.Status >= 500)
        {
            yield return what + " is a server error: " + response.Body[..Math.Min(300, response.Body.Length)];
        }
        if (!request.Allowed.Contains(response.Status))
        {
            yield return $"{what}, expected {string.Join(" or ", request.Allowed)}";
        }
        if (response.Status >= 400 && !request.ProtocolLevel && response.ContentType != "application/problem+json")
        {
            yield return $"{what} answered {response.ContentType ?? "no content type"}, not application/problem+json";
        }
        if (response.Status == 200)
        {
            var permitted = Permitted(request.Target);
            foreach (var (id, _) in _articles.Where(a => !permitted.Contains(a.Key)))
            {
                if (response.Body.Contains(id, StringComparison.Ordinal))
                {
                    yield return $"{what} shows article {id} of {_articles[id]}, outside what was asked";
                }
            }
            if (mustShowPermitted && !permitted.All(id => response.Body.Contains(id, StringComparison.Ordinal)))
            {
                yield return $"{what} does not show the articles asked for (the leak check would be blind)";
            }
        }
    }

    /// <summary>The articles an answer to <paramref name="target"/> may show: those of the source and category asked for.</summary>
    private HashSet<string> Permitted(string target)
    {
        var path = target.Split('?')[0];
        if (path.StartsWith("/api/articles/", StringComparison.Ordinal))
        {
            return [path["/api/articles/".Length..]];
        }
        if (!ListingRoutes.Contains(path, StringComparer.OrdinalIgnoreCase))
        {
            return [];
        }
        var query = QueryHelpers.ParseQuery(target.Contains('?', StringComparison.Ordinal) ? target[target.IndexOf('?', StringComparison.Ordinal)..] : "");
        var source = query.TryGetValue("source", out var sources) ? sources.ToString().Trim() : null;
        var category = query.TryGetValue("category", out var categories) ? CategorySlug.From(categories.ToString().Trim()) : null;
        return [.. _articles.Where(a => (source is null || a.Value.Source == source) && (category is null || CategorySlug.From(a.Value.Category) == category)).Select(a => a.Key)];
    }

    private static HostileRequest Get(string target, params int[] allowed) => new("GET", target, [], allowed);

    private static HostileRequest Protocol(string target) => new("GET", target, [], [400, 414, 431]) { ProtocolLevel = true };

    /// <summary>One request; <see cref="ProtocolLevel"/> ones are refused by the HTTP server before the application sees them.</summary>
    private sealed record HostileRequest(string Method, string Target, string[] Headers, int[] Allowed)
    {
        public bool ProtocolLevel { get; init; }
    }
}
