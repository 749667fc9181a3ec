using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Feeds;

/// <summary>
/// Builds the feeds that the API serves from stored articles. Feeds are rendered when articles
/// change, not when they are read: <see cref="RefreshAsync"/> renders the first page of every
/// affected feed in every format into Blob Storage (container <c>feeds</c>), where every instance
/// finds it; each instance keeps the bytes in memory and asks Blob Storage at most once per
/// <see cref="FeedsOptions.RevalidateAfter"/>, with a conditional read, whether they changed. So a warm
/// request costs no storage call, and only other pages and page sizes are rendered on request.
/// </summary>
public sealed class FeedService(
    ArticleStore store,
    SourceCatalog catalog,
    BlobServiceClient blobs,
    IOptions<StorageOptions> storage,
    IOptions<FeedsOptions> options,
    TimeProvider time,
    ILogger<FeedService> logger)
{
    private const string OpmlBlob = "feeds.opml";
    private const string LastModifiedMetadata = "lastmodified";
    private const int MaxPublishAttempts = 5;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(storage.Value.Name("feeds"));
    private readonly ConcurrentDictionary<string, CachedFeed> _cache = new(StringComparer.Ordinal);
    private readonly Uri _baseUrl = options.Value.PublicBaseUrl is { IsAbsoluteUri: true } url
        ? new Uri(url.AbsoluteUri.EndsWith('/') ? url.AbsoluteUri : url.AbsoluteUri + "/")
        : throw new InvalidOperationException("Feeds:PublicBaseUrl must be set to the absolute URL readers reach the API at (e.g. https://langaj.example/).");

    /// <summary>Creates the feeds container if it does not exist (idempotent; hosts call it at start).</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>One page of one feed, or the <see cref="UnknownScope"/> it names (a source that is not configured, a category no article has had).</summary>
    public async Task<FeedLookup> GetAsync(FeedFormat format, ArticleQuery query, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        if (UnknownScope.FindSource(query, catalog) is { } unknownSource)
        {
            return new FeedLookup(null, unknownSource);
        }
        // Only the key is worked out per request: a published page is served without building its scope.
        var key = FeedScope.KeyOf(query.SourceId, query.Category is null ? null : CategorySlug.From(query.Category));
        if (key is null || query.Cursor is not null || query.Limit != ArticleQuery.DefaultLimit)
        {
            var (page, unknown) = await ListAsync(query, cancellationToken);
            return new FeedLookup(unknown is null ? Render(format, Scope(query.SourceId, query.Category), query, page) : null, unknown);
        }
        UnknownScope? unknownCategory = null;
        var feed = await GetPublishedAsync(
            BlobName(key, format),
            async ct =>
            {
                (var page, unknownCategory) = await ListAsync(query, ct);
                return unknownCategory is null ? Render(format, Scope(query.SourceId, query.Category), query, page) : null;
            },
            cancellationToken);
        return new FeedLookup(feed, unknownCategory);
    }

    /// <summary>The OPML list of every feed: all articles, each source, each category that has articles.</summary>
    public async Task<RenderedFeed> GetOpmlAsync(CancellationToken cancellationToken) =>
        await GetPublishedAsync(OpmlBlob, async ct => await RenderOpmlAsync(ct), cancellationToken)
        ?? throw new InvalidOperationException("The OPML list always renders.");

    /// <summary>
    /// Fills this instance's in-memory copies of the first pages (all articles and each source, every
    /// format, and the OPML list), so that even the first reader of a new instance is served from memory.
    /// </summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        var sources = catalog.Sources.Select(s => (string?)s.Id).Prepend(null);
        foreach (var sourceId in sources)
        {
            foreach (var format in FeedFormats.All)
            {
                await GetAsync(format, new ArticleQuery(null, sourceId, ArticleQuery.DefaultLimit, null), cancellationToken);
            }
        }
        await GetOpmlAsync(cancellationToken);
    }

    /// <summary>
    /// Re-renders and publishes the first page of every feed the changed articles appear in (all
    /// articles, their sources, their categories), in every format, and the OPML list. The scrape
    /// pipeline calls it after storing changes.
    /// </summary>
    public async Task RefreshAsync(IReadOnlyCollection<string> sourceIds, IReadOnlyCollection<string> categories, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        var scopes = new List<FeedScope> { Scope(null, null) };
        scopes.AddRange(sourceIds.Distinct(StringComparer.Ordinal).Where(id => catalog.Find(id) is not null).Select(id => Scope(id, null)));
        scopes.AddRange(categories.Select(c => Scope(null, c)).Where(s => s.Key is not null).DistinctBy(s => s.Key));
        foreach (var scope in scopes)
        {
            var query = new ArticleQuery(scope.Category, scope.SourceId, ArticleQuery.DefaultLimit, null);
            await PublishLatestAsync(scope.Key + "/", async ct =>
            {
                var page = await store.ListAsync(query, includeContent: true, ct);
                return FeedFormats.All.ToDictionary(f => BlobName(scope.Key!, f), f => Render(f, scope, query, page));
            }, cancellationToken);
        }
        await PublishLatestAsync(OpmlBlob, async ct => new Dictionary<string, RenderedFeed> { [OpmlBlob] = await RenderOpmlAsync(ct) }, cancellationToken);
        logger.Refreshed(scopes);
    }

    /// <summary>
    /// Renders and uploads the blobs under <paramref name="prefix"/>, each only if nobody replaced it
    /// since this render started. Scrapes of different sources refresh the shared feeds (all, a
    /// category) concurrently, on one instance or several: a refresh that read the store before
    /// another stored its articles must not overwrite that other's fuller render. Each save precedes
    /// its refresh's read, so whichever read the store last has seen every article; a conditional
    /// upload makes that one win, and a refresh that loses reads the store again.
    /// </summary>
    private async Task PublishLatestAsync(string prefix, Func<CancellationToken, Task<Dictionary<string, RenderedFeed>>> render, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = new Dictionary<string, ETag>(StringComparer.Ordinal);
            await foreach (var blob in _container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
            {
                current[blob.Name] = blob.Properties.ETag!.Value;
            }
            var rendered = await render(cancellationToken);
            try
            {
                foreach (var (name, feed) in rendered)
                {
                    await PublishAsync(name, feed, current.TryGetValue(name, out var etag) ? etag : null, cancellationToken);
                }
                return;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxPublishAttempts)
            {
                logger.PublishedMeanwhile(prefix);
            }
        }
    }

    /// <summary>The articles of a page, and what its listing names that does not exist (null: all exists).</summary>
    private async Task<(ArticlePage Page, UnknownScope? Unknown)> ListAsync(ArticleQuery query, CancellationToken cancellationToken)
    {
        var page = await store.ListAsync(query, includeContent: true, cancellationToken);
        return (page, await UnknownScope.FindAsync(query, page, catalog, store, cancellationToken));
    }

    /// <summary>
    /// A published blob through this instance's in-memory copy: served as is while fresh; once
    /// <see cref="FeedsOptions.RevalidateAfter"/> has passed, one request revalidates it with a
    /// conditional read (the others keep serving the copy meanwhile). A blob that does not exist yet
    /// is rendered here and published for the other instances; null when <paramref name="render"/> has nothing to render.
    /// </summary>
    private async Task<RenderedFeed?> GetPublishedAsync(
        string blobName,
        Func<CancellationToken, Task<RenderedFeed?>> render,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var cached = _cache.GetValueOrDefault(blobName);
        if (cached is not null && !cached.TryClaimRevalidation(now, options.Value.RevalidateAfter))
        {
            return cached.Feed;
        }
        var blob = _container.GetBlobClient(blobName);
        try
        {
            var download = await blob.DownloadContentAsync(
                new BlobDownloadOptions { Conditions = cached is null ? null : new BlobRequestConditions { IfNoneMatch = cached.BlobETag } },
                cancellationToken);
            if (download.GetRawResponse().Status == 304)
            {
                return cached!.Feed;
            }
            var details = download.Value.Details;
            var lastModified = details.Metadata.TryGetValue(LastModifiedMetadata, out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)
                ? parsed
                : details.LastModified;
            var feed = RenderedFeed.From(download.Value.Content.ToArray(), details.ContentType, lastModified);
            _cache[blobName] = new CachedFeed(feed, details.ETag, now);
            return feed;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            var feed = await render(cancellationToken);
            if (feed is not null)
            {
                try
                {
                    await PublishAsync(blobName, feed, expected: null, cancellationToken);
                }
                catch (RequestFailedException conflict) when (conflict.Status is 409 or 412)
                {
                    // A refresh published it meanwhile: that version is as new as ours, and now shared.
                }
            }
            return feed;
        }
        catch (RequestFailedException e) when (cached is not null)
        {
            // Storage is down: an older copy of a feed is far better than no feed.
            logger.ServingOwnCopy(blobName, e.Status, e);
            return cached.Feed;
        }
    }

    /// <summary>Uploads the feed if the blob still has the <paramref name="expected"/> ETag (null: if it does not exist).</summary>
    private async Task PublishAsync(string blobName, RenderedFeed feed, ETag? expected, CancellationToken cancellationToken)
    {
        var upload = new BlobUploadOptions
        {
            Conditions = expected is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            HttpHeaders = new BlobHttpHeaders { ContentType = feed.ContentType },
            Metadata = new Dictionary<string, string> { [LastModifiedMetadata] = feed.LastModified.ToString("O", CultureInfo.InvariantCulture) },
        };
        var response = await _container.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(feed.Body.Identity), upload, cancellationToken);
        _cache[blobName] = new CachedFeed(feed, response.Value.ETag, time.GetUtcNow());
    }

    private RenderedFeed Render(FeedFormat format, FeedScope scope, ArticleQuery query, ArticlePage page)
    {
        // The document carries the articles' own dates; Last-Modified says when we last changed these bytes,
        // so a reader revalidating by date also sees an older article added late. An empty feed is as of now.
        var now = time.GetUtcNow();
        var updated = page.Items.Count > 0 ? page.Items.Max(FeedItem.Modified) : now;
        var lastModified = page.Items.Count > 0 ? page.Items.Max(a => a.Updated) : now;
        var document = new FeedDocument
        {
            Id = scope.Id,
            // A category feed asked for by slug is titled with the category's name as its articles give it.
            Title = scope is { Category: not null, SourceId: null } && page.Items is [{ Metadata.Category: { } name }, ..] ? CategoryTitle(name) : scope.Title,
            Description = scope.Description,
            SelfUrl = FeedUrl(format, scope, query.Limit, query.Cursor),
            HomeUrl = scope.HomeUrl,
            Language = scope.Language,
            Publisher = scope.Publisher,
            Updated = updated,
            Items = page.Items,
            Stylesheet = new Uri(_baseUrl, FeedStylesheet.Path),
            // The store's cursors only go forward, so there is no previous or last page to link to.
            Paging = new FeedPaging(
                First: FeedUrl(format, scope, query.Limit, null),
                Next: page.Next is null ? null : FeedUrl(format, scope, query.Limit, page.Next),
                Previous: null,
                Last: null),
        };
        LangajTelemetry.FeedRenders.Add(1, new(LangajTelemetry.FeedFormatTag, format.RouteName()), new(LangajTelemetry.SourceIdTag, scope.SourceId));
        return RenderedFeed.From(format.Write(document), format.ContentType(), lastModified);
    }

    private async Task<RenderedFeed> RenderOpmlAsync(CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        var categories = await store.ListCategoriesAsync(cancellationToken);
        var all = Scope(null, null);
        var groups = new List<OpmlGroup>
        {
            new("All articles", [new OpmlOutline(all.Title, FeedUrl(FeedFormat.Rss, all, ArticleQuery.DefaultLimit, null), all.HomeUrl)]),
            new("Sources", [.. catalog.Sources.Select(s => Scope(s.Id, null)).Select(s => new OpmlOutline(s.Title, FeedUrl(FeedFormat.Rss, s, ArticleQuery.DefaultLimit, null), s.HomeUrl))]),
            new("Categories", [.. categories.Select(c => Scope(null, c.Name)).Select(s => new OpmlOutline(s.Title, FeedUrl(FeedFormat.Rss, s, ArticleQuery.DefaultLimit, null), s.HomeUrl))]),
        };
        var modified = categories.Count > 0 ? categories.Max(c => c.LastArticle) : time.GetUtcNow();
        LangajTelemetry.FeedRenders.Add(1, new KeyValuePair<string, object?>(LangajTelemetry.FeedFormatTag, "opml"));
        return RenderedFeed.From(OpmlWriter.Write(options.Value.Title + " feeds", modified, groups), RenderedFeed.OpmlContentType, modified);
    }

    /// <summary>
    /// The feed of a source, a category (by name or slug: URLs carry the slug, titles the name), both,
    /// or neither, of a configured source (<see cref="UnknownScope.FindSource"/> first).
    /// </summary>
    private FeedScope Scope(string? sourceId, string? category)
    {
        var title = options.Value.Title;
        var slug = category is null ? null : CategorySlug.From(category);
        if (sourceId is not null)
        {
            var source = catalog.Find(sourceId) ?? throw new InvalidOperationException($"No source has the id '{sourceId}'.");
            var home = new Uri(source.DiscoveryUrl.GetLeftPart(UriPartial.Authority) + "/");
            return category is null
                ? new FeedScope(FeedScope.KeyOf(source.Id, null), $"urn:langaj:feed:source:{source.Id}", source.Name, $"Articles from {source.Name}", source.Language, home, source.Name, source.Id, null)
                : new FeedScope(FeedScope.KeyOf(source.Id, slug), $"urn:langaj:feed:source:{source.Id}:category:{slug}", $"{source.Name}: {category}", $"Articles from {source.Name} in {category}", source.Language, home, source.Name, source.Id, slug);
        }
        var languages = catalog.Sources.Select(s => s.Language).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var language = languages.Count == 1 ? languages[0] : null;
        return category is null
            ? new FeedScope(FeedScope.KeyOf(null, null), "urn:langaj:feed:all", title, "All articles", language, HomeUrl, title, null, null)
            : new FeedScope(FeedScope.KeyOf(null, slug), $"urn:langaj:feed:category:{slug}", CategoryTitle(category), $"Articles in {category}", language, HomeUrl, title, null, slug);
    }

    /// <summary>The home page (<see cref="HomePage"/>), where feeds that are not one site's link to.</summary>
    private Uri HomeUrl => new(_baseUrl, "api/");

    private string CategoryTitle(string category) => $"{category} — {options.Value.Title}";

    /// <summary>The absolute URL of a page of a feed, from <see cref="FeedsOptions.PublicBaseUrl"/>.</summary>
    private Uri FeedUrl(FeedFormat format, FeedScope scope, int limit, ArticleCursor? cursor)
    {
        var parameters = new List<string>();
        if (scope.SourceId is not null)
        {
            parameters.Add("source=" + Uri.EscapeDataString(scope.SourceId));
        }
        if (scope.Category is not null)
        {
            parameters.Add("category=" + Uri.EscapeDataString(scope.Category));
        }
        if (limit != ArticleQuery.DefaultLimit)
        {
            parameters.Add("limit=" + limit.ToString(CultureInfo.InvariantCulture));
        }
        if (cursor is not null)
        {
            parameters.Add("cursor=" + Uri.EscapeDataString(cursor.ToString()));
        }
        var path = "api/feeds/" + format.RouteName();
        return new Uri(_baseUrl, parameters.Count == 0 ? path : path + "?" + string.Join('&', parameters));
    }

    private static string BlobName(string key, FeedFormat format) => key + "/" + format.RouteName();

    /// <summary>An instance's copy of a published feed, and when it may next be checked against the blob.</summary>
    private sealed class CachedFeed(RenderedFeed feed, ETag blobETag, DateTimeOffset checkedAt)
    {
        private long _checkedAt = checkedAt.UtcTicks;

        public RenderedFeed Feed { get; } = feed;
        public ETag BlobETag { get; } = blobETag;

        /// <summary>True for exactly one caller once the copy is due for revalidation.</summary>
        public bool TryClaimRevalidation(DateTimeOffset now, TimeSpan after)
        {
            var checkedAt = Interlocked.Read(ref _checkedAt);
            return now.UtcTicks - checkedAt >= after.Ticks
                && Interlocked.CompareExchange(ref _checkedAt, now.UtcTicks, checkedAt) == checkedAt;
        }
    }
}
