using AngleSharp.Html.Dom;
using Langaj.Core.Fetching;
using Langaj.Core.Sources;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>How a site's articles are found, and where <see cref="SiteDiscovery"/> found that out.</summary>
public sealed record FoundDiscovery(DiscoveryKind Kind, Uri Url, string FoundAt);

/// <summary>
/// From a site's home page alone, where its new articles are listed: the RSS or Atom feed the page links to
/// (<c>&lt;link rel="alternate"&gt;</c>), else a sitemap robots.txt names, else <c>/sitemap.xml</c>. A candidate is
/// chosen only when discovery reads article links from it; none: <see cref="DiscoveryException"/> saying what was tried.
/// </summary>
public sealed class SiteDiscovery(PageFetcher fetcher, RobotsPolicy robots, ArticleDiscovery discovery)
{
    private const string FeedLinks =
        "link[rel~='alternate' i][type='application/rss+xml' i][href], link[rel~='alternate' i][type='application/atom+xml' i][href]";

    /// <exception cref="FetchException">The home page itself could not be fetched.</exception>
    /// <exception cref="DiscoveryException">No feed or sitemap with article links was found.</exception>
    public async Task<FoundDiscovery> FindAsync(Uri home, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        var page = await fetcher.FetchAsync(new FetchRequest(home, allowPrivateAddresses), cancellationToken);
        var tried = new List<string>();

        var feeds = await LinkedFeedsAsync(page, cancellationToken);
        if (feeds.Count == 0)
        {
            tried.Add("the home page links to no RSS or Atom feed");
        }
        foreach (var feed in feeds)
        {
            if (await ProblemAsync(DiscoveryKind.Feed, feed, allowPrivateAddresses, cancellationToken) is not { } problem)
            {
                return new FoundDiscovery(DiscoveryKind.Feed, feed, "linked from the home page");
            }
            tried.Add($"the feed it links to, {feed}: {problem}");
        }

        var named = (await robots.GetRulesAsync(page.FinalUrl, allowPrivateAddresses, cancellationToken)).Sitemaps;
        if (named.Count == 0)
        {
            tried.Add("robots.txt names no sitemap");
        }
        foreach (var sitemap in named)
        {
            if (await ProblemAsync(DiscoveryKind.Sitemap, sitemap, allowPrivateAddresses, cancellationToken) is not { } problem)
            {
                return new FoundDiscovery(DiscoveryKind.Sitemap, sitemap, "named in robots.txt");
            }
            tried.Add($"the sitemap robots.txt names, {sitemap}: {problem}");
        }

        var usual = new Uri(page.FinalUrl, "/sitemap.xml");
        if (!named.Contains(usual))
        {
            if (await ProblemAsync(DiscoveryKind.Sitemap, usual, allowPrivateAddresses, cancellationToken) is not { } problem)
            {
                return new FoundDiscovery(DiscoveryKind.Sitemap, usual, "at /sitemap.xml");
            }
            tried.Add($"{usual}: {problem}");
        }
        throw new DiscoveryException($"no feed or sitemap found from {home}: {string.Join("; ", tried)}");
    }

    private static async Task<IReadOnlyList<Uri>> LinkedFeedsAsync(FetchedPage page, CancellationToken cancellationToken)
    {
        using var document = await ListingParser.OpenAsync(page.Body, page.ContentType, page.FinalUrl, cancellationToken);
        return
        [
            // Href is resolved against the page's address or its <base href>.
            .. document.QuerySelectorAll(FeedLinks).OfType<IHtmlLinkElement>()
                .Select(link => Uri.TryCreate(link.Href, UriKind.Absolute, out var url) ? url : null)
                .OfType<Uri>()
                .Where(url => url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
                .Distinct(),
        ];
    }

    /// <summary>Why <paramref name="url"/> will not do as the source's discovery document; null when it yields article links.</summary>
    private async Task<string?> ProblemAsync(DiscoveryKind kind, Uri url, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        var candidate = new SourceDefinition
        {
            Id = "candidate", Name = "candidate", Language = "und", Discovery = kind, DiscoveryUrl = url, AllowPrivateAddresses = allowPrivateAddresses,
        };
        try
        {
            return (await discovery.DiscoverAsync(candidate, null, cancellationToken)).Links.Count > 0 ? null : "no article links in it";
        }
        catch (Exception e) when (e is FetchException or DiscoveryException)
        {
            return e.Message;
        }
    }
}
