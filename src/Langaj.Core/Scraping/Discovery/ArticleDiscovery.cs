using Langaj.Core.Fetching;
using Langaj.Core.Sources;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>
/// Finds a source's article links: fetches its discovery document (conditionally), reads it as a feed,
/// sitemap or listing page, and returns clean, unique http(s) links, newest first where dated.
/// </summary>
public sealed class ArticleDiscovery(PageFetcher fetcher, IOptions<FetchOptions> fetchOptions, ILogger<ArticleDiscovery> logger)
{
    /// <summary>Links kept per pass: a first run on a 50,000-URL sitemap must not queue 50,000 fetches.</summary>
    public const int MaxLinks = 200;

    /// <summary>Child sitemaps fetched per pass, over all levels of a sitemap index.</summary>
    public const int MaxChildSitemaps = 10;

    /// <summary>Levels of sitemap index followed below the discovery document.</summary>
    public const int MaxSitemapDepth = 2;

    public async Task<DiscoveryResult> DiscoverAsync(SourceDefinition source, ConditionalRequest? validators, CancellationToken ct)
    {
        var page = await fetcher.FetchAsync(new FetchRequest(source.DiscoveryUrl, source.AllowPrivateAddresses, validators), ct);
        var next = page.ETag is null && page.LastModified is null ? null : new ConditionalRequest(page.ETag, page.LastModified);
        if (page.NotModified)
        {
            return new DiscoveryResult([], NotModified: true, next ?? validators);
        }

        var found = source.Discovery switch
        {
            DiscoveryKind.Feed => Report(source, FeedParser.Parse(page.Body, page.ContentType, page.FinalUrl)),
            DiscoveryKind.Sitemap => await ReadSitemapAsync(source, page, new SitemapWalk(), depth: 0, ct),
            DiscoveryKind.Listing => Report(source, await ListingParser.ParseAsync(
                page.Body,
                page.ContentType,
                page.FinalUrl,
                source.LinkSelector ?? throw new DiscoveryException($"source {source.Id} discovers from a listing page but has no linkSelector"),
                ct)),
            _ => throw new DiscoveryException($"source {source.Id} has an unknown discovery kind {source.Discovery}"),
        };
        return new DiscoveryResult(Normalize(found), NotModified: false, next);
    }

    /// <summary>
    /// Keeps http(s) links only, without fragments, first occurrence wins; then newest first (a stable sort,
    /// so undated links keep document order after the dated ones) and at most <see cref="MaxLinks"/>.
    /// </summary>
    internal static IReadOnlyList<DiscoveredLink> Normalize(IEnumerable<DiscoveredLink> links)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<DiscoveredLink>();
        foreach (var link in links)
        {
            if (link.Url.Scheme != Uri.UriSchemeHttp && link.Url.Scheme != Uri.UriSchemeHttps)
            {
                continue;
            }
            var url = link.Url.Fragment.Length == 0 ? link.Url : new Uri(link.Url.GetLeftPart(UriPartial.Query));
            if (seen.Add(url.AbsoluteUri))
            {
                kept.Add(link with { Url = url });
            }
        }
        var ordered = kept.Exists(l => l.Updated is not null)
            ? kept.OrderByDescending(l => l.Updated ?? DateTimeOffset.MinValue)
            : kept.AsEnumerable();
        return [.. ordered.Take(MaxLinks)];
    }

    private IReadOnlyList<DiscoveredLink> Report(SourceDefinition source, ParsedDocument parsed)
    {
        if (parsed.Problem is not null)
        {
            logger.BrokenDocument(source.Id, parsed.Links.Count, parsed.Problem);
        }
        return parsed.Links;
    }

    /// <summary>What a sitemap walk has visited and how many child fetches it has left.</summary>
    private sealed class SitemapWalk
    {
        public HashSet<string> Visited { get; } = new(StringComparer.Ordinal);
        public int Fetched { get; set; }
    }

    private async Task<IReadOnlyList<DiscoveredLink>> ReadSitemapAsync(SourceDefinition source, FetchedPage page, SitemapWalk walk, int depth, CancellationToken ct)
    {
        walk.Visited.Add(page.FinalUrl.AbsoluteUri);
        var body = XmlDocuments.IsGzip(page.Body) ? XmlDocuments.Gunzip(page.Body, fetchOptions.Value.MaxBodyBytes, page.FinalUrl) : page.Body;
        var sitemap = SitemapParser.Parse(body, page.ContentType, page.FinalUrl);
        if (sitemap.ChildSitemaps.Count == 0 || depth >= MaxSitemapDepth)
        {
            return sitemap.Links;
        }

        var links = new List<DiscoveredLink>(sitemap.Links);
        var children = sitemap.ChildSitemaps
            .Where(c => c.Url.Scheme == Uri.UriSchemeHttp || c.Url.Scheme == Uri.UriSchemeHttps)
            .OrderByDescending(c => c.Updated ?? DateTimeOffset.MinValue)
            .ToList();
        Exception? firstError = null;
        var read = 0;
        foreach (var child in children)
        {
            if (walk.Fetched >= MaxChildSitemaps)
            {
                break;
            }
            if (!walk.Visited.Add(child.Url.AbsoluteUri))
            {
                continue;
            }
            walk.Fetched++;
            try
            {
                // Child sitemaps are fetched with the source's own permission, like its discovery document.
                var childPage = await fetcher.FetchAsync(new FetchRequest(child.Url, source.AllowPrivateAddresses), ct);
                links.AddRange(await ReadSitemapAsync(source, childPage, walk, depth + 1, ct));
                read++;
            }
            catch (Exception e) when (e is FetchException or DiscoveryException)
            {
                firstError ??= e;
                logger.ChildSitemapSkipped(child.Url, source.Id, e.Message);
            }
        }
        if (read == 0 && firstError is not null)
        {
            throw new DiscoveryException($"none of the child sitemaps of {page.FinalUrl} could be read; the first failure: {firstError.Message}", firstError);
        }
        return links;
    }
}
