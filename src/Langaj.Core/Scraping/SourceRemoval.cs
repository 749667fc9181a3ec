using Langaj.Core.Feeds;
using Langaj.Core.Sources;
using Langaj.Core.Storage;

namespace Langaj.Core.Scraping;

/// <summary>How a removal ended.</summary>
public enum RemovalOutcome { Removed, UnknownSource, ScrapeRunning }

/// <summary>A removal's outcome, and how many of the source's articles went with it (0 when they stay).</summary>
public sealed record RemovalResult(RemovalOutcome Outcome, int DeletedArticles);

/// <summary>
/// Removes a source, keeping its articles or, when asked, deleting them: their rows and blobs, the source's state,
/// and the feeds they were in rendered again without them. The source itself goes last, so that asking again after
/// an interruption finishes the job.
/// </summary>
public sealed class SourceRemoval(SourceCatalog catalog, ArticleStore store, SourceStateStore states, SourceLeases leases, FeedService feeds)
{
    public async Task<RemovalResult> RemoveAsync(string id, bool deleteArticles, CancellationToken cancellationToken)
    {
        // An id no source can have is not looked up.
        if (!SourcesFile.IsValidId(id))
        {
            return new RemovalResult(RemovalOutcome.UnknownSource, 0);
        }
        if (!deleteArticles)
        {
            return new RemovalResult(await catalog.DeleteAsync(id, cancellationToken) ? RemovalOutcome.Removed : RemovalOutcome.UnknownSource, 0);
        }
        if (!await catalog.ContainsAsync(id, cancellationToken))
        {
            return new RemovalResult(RemovalOutcome.UnknownSource, 0);
        }
        // The scrape lease: no run of the source stores articles while they are deleted.
        await using var lease = await leases.TryAcquireAsync(id, cancellationToken);
        if (lease is null)
        {
            return new RemovalResult(RemovalOutcome.ScrapeRunning, 0);
        }
        var deleted = await store.DeleteSourceArticlesAsync(id, cancellationToken);
        // While the source still exists, so that its own feed is rendered (empty) too.
        await feeds.RefreshAsync([id], deleted.CategorySlugs, cancellationToken);
        await states.DeleteAsync(id, cancellationToken);
        await catalog.DeleteAsync(id, cancellationToken);
        return new RemovalResult(RemovalOutcome.Removed, deleted.Count);
    }
}
