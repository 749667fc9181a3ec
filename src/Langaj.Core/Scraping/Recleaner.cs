using System.Collections.Concurrent;
using Langaj.Core.Extraction;
using Langaj.Core.Feeds;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Langaj.Core.Scraping;

/// <summary>What one reclean pass did: articles whose stored version changed, stayed the same, or could not be redone.</summary>
public sealed record RecleanReport(int Articles, int Changed, int Unchanged, int Failed, IReadOnlyList<string> Problems);

/// <summary>
/// Extracts the stored articles again from the raw pages Langaj kept, with the sources' current rules and the current
/// extractor, and stores what changed under the same ids; then refreshes the feeds the changes appear in. For when a
/// rule (<c>contentSelector</c>, <c>removeSelectors</c>) or the extractor improved: no site is fetched again.
/// </summary>
public sealed class Recleaner(
    SourceCatalog catalog, ArticleStore store, ArticleExtractor extractor, FeedService feeds, TimeProvider time, ILogger<Recleaner> logger)
{
    // Each article is a few storage calls and a parse: a few at once, as a scrape does.
    private const int Concurrency = 4;

    /// <summary>Every stored article, or one source's; null for an unknown source id.</summary>
    public async Task<RecleanReport?> RunAsync(string? sourceId, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        if (sourceId is not null && catalog.Find(sourceId) is null)
        {
            return null;
        }
        var ids = new List<string>();
        await foreach (var id in store.ListIdsAsync(sourceId, cancellationToken))
        {
            ids.Add(id);
        }

        var changed = new ConcurrentBag<(Article Old, Article New)>();
        var problems = new ConcurrentQueue<string>();
        var unchanged = 0;
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                try
                {
                    switch (await RecleanAsync(id, ct))
                    {
                        case (_, _, { } problem):
                            problems.Enqueue($"{id}: {problem}");
                            break;
                        case ({ } old, { } article, null):
                            changed.Add((old, article));
                            break;
                        default:
                            Interlocked.Increment(ref unchanged);
                            break;
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    problems.Enqueue($"{id}: {e.Message}");
                    logger.RecleanFailed(id, e);
                }
            });

        if (!changed.IsEmpty)
        {
            // The old categories too: an article that moved must leave its former category's feed.
            await feeds.RefreshAsync(
                [.. changed.Select(c => c.New.SourceId).Distinct()],
                [.. changed.SelectMany(c => new[] { c.Old.Metadata.Category, c.New.Metadata.Category }).OfType<string>().Distinct()],
                cancellationToken);
        }
        return new RecleanReport(ids.Count, changed.Count, unchanged, problems.Count, [.. problems.Order(StringComparer.Ordinal)]);
    }

    /// <summary>The stored and the new version when the article changed; neither when it did not; the reason when it cannot be redone.</summary>
    private async Task<(Article? Old, Article? New, string? Problem)> RecleanAsync(string id, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } stored)
        {
            return (null, null, "no longer stored");
        }
        if (await store.GetRawAsync(id, cancellationToken) is not { } raw)
        {
            return (null, null, "its raw page is missing");
        }
        if (catalog.Find(stored.SourceId) is not { } source)
        {
            return (null, null, $"its source '{stored.SourceId}' is no longer configured");
        }
        var result = await extractor.ExtractAsync(raw.Bytes, raw.ContentType, raw.FetchedFrom, source.ExtractionRules(), cancellationToken);
        if (result.Article is null)
        {
            // The stored version stays: a rule that now finds nothing is the rule's mistake, not the article's.
            return (null, null, $"no article with the current rules ({result.NoArticleReason}); the stored version is kept");
        }

        var article = ArticleBuilder.Build(FoundAt(id, raw.FetchedFrom, stored.Url), source, result.Article, time.GetUtcNow()) with { Id = id };
        var outcome = await store.SaveAsync(article, raw, cancellationToken);
        if (outcome == SaveOutcome.Unchanged)
        {
            return (null, null, null);
        }
        logger.Recleaned(id, source.Id);
        return (stored, article, null);
    }

    /// <summary>
    /// The URL the article was found at, which its id is the hash of: the raw page records where it was fetched from
    /// (after redirects), and the stored URL is that address or the page's canonical one. Whichever hashes to the id
    /// is it; when neither does (a redirect to a page naming a canonical URL), the final address serves, and the id is kept.
    /// </summary>
    private static Uri FoundAt(string id, Uri fetchedFrom, string storedUrl) =>
        ArticleId.For(fetchedFrom) != id && Uri.TryCreate(storedUrl, UriKind.Absolute, out var url) && ArticleId.For(url) == id ? url : fetchedFrom;
}
