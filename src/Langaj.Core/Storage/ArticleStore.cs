using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using static Langaj.Core.Storage.ArticleIndex;

namespace Langaj.Core.Storage;

/// <summary>
/// Articles in Azure Storage: raw pages and cleaned articles in Blob Storage (<see cref="ArticleBlobs"/>), the index
/// in Table Storage (<see cref="ArticleIndex"/>).
/// </summary>
/// <remarks>
/// Saving writes the blobs, records in the point row every key and blob it is about to write, writes the listing
/// rows, then commits by replacing the point row (optimistic concurrency on its ETag), then deletes what the previous
/// version left behind. The point row's record of what may exist is what lets the next save finish an interrupted one.
/// </remarks>
public sealed class ArticleStore(BlobServiceClient blobs, TableServiceClient tables, IOptions<StorageOptions> options, TimeProvider time, ILogger<ArticleStore> logger)
{
    private const int MaxSaveAttempts = 8;
    private const int ParallelBlobReads = 8;
    private const int ParallelDeletions = 8;

    private readonly ArticleIndex _index = new(tables, options.Value);
    private readonly ArticleBlobs _blobs = new(blobs, options.Value);

    internal TableClient Table => _index.Table;
    internal BlobContainerClient ArticleBlobs => _blobs.Articles;
    internal BlobContainerClient RawBlobs => _blobs.Raw;

    /// <summary>Creates the containers and tables if they do not exist (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _index.EnsureCreatedAsync(cancellationToken);
        await _blobs.EnsureCreatedAsync(cancellationToken);
    }

    /// <summary>One point read; null when no such article.</summary>
    public async Task<Article?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidKey(id))
        {
            return null;
        }
        // A concurrent update may delete the blob between the two reads: read the row again, it names the new one.
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            if (await _index.GetPointAsync(id, cancellationToken) is not { Article: { } article, ArticleBlob: { } blobName })
            {
                return null;
            }
            if (await _blobs.ReadBodyAsync(blobName, cancellationToken) is { } body)
            {
                return article with { Body = body };
            }
        }
        throw new InvalidOperationException($"Article {id}'s point row keeps naming a missing blob.");
    }

    /// <summary>The stored article without its body (<see cref="ArticleBody.Empty"/>): one point read, no blob read.</summary>
    public async Task<Article?> FindAsync(string id, CancellationToken cancellationToken) =>
        IsValidKey(id) ? (await _index.GetPointAsync(id, cancellationToken))?.Article : null;

    /// <summary>Newest first; with <paramref name="includeContent"/> false, the bodies are left empty (no blob reads).</summary>
    /// <exception cref="ArgumentException">The limit is out of range (from 1 to <see cref="ArticleIndex.MaxLimit"/>).</exception>
    public async Task<ArticlePage> ListAsync(ArticleQuery query, bool includeContent, CancellationToken cancellationToken)
    {
        var listed = await _index.ListAsync(query, cancellationToken);
        IReadOnlyList<Article> items = includeContent
            ? await WithContentAsync(listed.Items, cancellationToken)
            : [.. listed.Items.Select(item => item.Article)];
        return new ArticlePage(items, listed.Next);
    }

    /// <summary>Every category that has had an article, in slug order (one partition query).</summary>
    public Task<IReadOnlyList<CategoryInfo>> ListCategoriesAsync(CancellationToken cancellationToken) =>
        _index.ListCategoriesAsync(cancellationToken);

    /// <summary>Whether any article has had this category (by name or slug): one point read.</summary>
    public Task<bool> HasCategoryAsync(string category, CancellationToken cancellationToken) =>
        _index.HasCategoryAsync(category, cancellationToken);

    /// <summary>The ids of one source's articles (or of all articles), newest first, for re-running extraction.</summary>
    public IAsyncEnumerable<string> ListIdsAsync(string? sourceId, CancellationToken cancellationToken) =>
        _index.ListIdsAsync(sourceId, cancellationToken);

    /// <summary>The page the stored version of the article was extracted from; null when no such article.</summary>
    public async Task<RawPage?> GetRawAsync(string id, CancellationToken cancellationToken) =>
        IsValidKey(id) && await _index.GetRawBlobAsync(id, cancellationToken) is { } blobName
            ? await _blobs.ReadRawAsync(blobName, cancellationToken)
            : null;

    /// <summary>Stores a scraped article: new, updated (content hash changed) or unchanged.</summary>
    /// <remarks>
    /// Unchanged writes nothing. Otherwise <see cref="Article.FirstSeen"/> is kept from the stored version (now for a
    /// new article) and <see cref="Article.Updated"/> is now; the values passed in for both are ignored.
    /// </remarks>
    public async Task<SaveOutcome> SaveAsync(Article article, RawPage raw, CancellationToken cancellationToken)
    {
        if (!IsValidKey(article.Id) || article.Id == CategoriesPartition)
        {
            throw new ArgumentException($"'{article.Id}' cannot be an article id (empty, too long, or has '/', '\\', '#', '?', '|' or control characters).", nameof(article));
        }
        if (!IsValidKey(article.SourceId))
        {
            throw new ArgumentException($"'{article.SourceId}' cannot be a source id.", nameof(article));
        }
        if (string.IsNullOrEmpty(article.ContentHash))
        {
            throw new ArgumentException("The article has no content hash.", nameof(article));
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TrySaveAsync(article, raw, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxSaveAttempts)
            {
                // Another save of the same article changed the point row since it was read: start again from it.
            }
        }
    }

    private async Task<SaveOutcome> TrySaveAsync(Article article, RawPage raw, CancellationToken cancellationToken)
    {
        var stored = await _index.GetPointAsync(article.Id, cancellationToken);
        var footprint = stored?.Footprint ?? Footprint.Empty;
        var committed = stored?.Committed;

        if (committed is not null && stored!.ContentHash == article.ContentHash)
        {
            if (footprint.Equals(committed.AsFootprint()))
            {
                return SaveOutcome.Unchanged;
            }
            // Same content, but an earlier save was interrupted: finish its work, keeping the stored version.
            await _index.WriteListingRowsAsync(stored, committed, cancellationToken);
            await CleanUpAsync(stored, stored.ETag, committed, footprint, cancellationToken);
            return SaveOutcome.Unchanged;
        }

        var now = time.GetUtcNow();
        var version = article with { FirstSeen = committed is not null ? stored!.FirstSeen ?? now : now, Updated = now };
        var target = ArticleVersion.For(version, Storage.ArticleBlobs.RawBlobName(version, raw));

        await _blobs.UploadRawAsync(target.RawBlob, raw, cancellationToken);
        await _blobs.UploadArticleAsync(target.ArticleBlob, version, cancellationToken);

        // Intent: before any listing row exists, the point row names it, so that an interrupted save can be cleaned up.
        var intended = footprint.With(target.AsFootprint());
        var etag = await _index.RecordIntentAsync(article.Id, stored, intended, cancellationToken);

        var point = PointRow.For(version, target, intended);
        await _index.WriteListingRowsAsync(point, target, cancellationToken);

        // The commit point: from here readers see the new version.
        var committedETag = await _index.ReplacePointAsync(point, etag, cancellationToken);

        await CleanUpAsync(point, committedETag, target, intended, cancellationToken);
        return committed is null ? SaveOutcome.New : SaveOutcome.Updated;
    }

    /// <summary>
    /// Deletes the listing rows, then the blobs, that the point row knows of but that are not the committed version's,
    /// then forgets them. A failure here loses nothing: the point row still names them and the next save retries.
    /// </summary>
    private async Task CleanUpAsync(PointRow point, ETag etag, ArticleVersion version, Footprint footprint, CancellationToken cancellationToken)
    {
        var stale = footprint.Without(version.AsFootprint());
        if (stale.IsEmpty)
        {
            return;
        }
        try
        {
            // Rows first: a row must never name a blob that is gone.
            await _index.DeleteListingRowsAsync(stale.Keys, cancellationToken);
            await _blobs.DeleteAsync(stale.ArticleBlobs, stale.RawBlobs, cancellationToken);
            point.ForgetAllBut(version);
            await _index.ReplacePointAsync(point, etag, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.CleanUpFailed(point.Id, e);
        }
    }

    /// <summary>
    /// Deletes every article of the source: its rows, its blobs; returns how many and the categories they were listed in.
    /// Safe to run again after an interruption, and finishes what the interrupted run left.
    /// </summary>
    /// <remarks>
    /// Each article goes in an order that keeps it findable and keeps rows from naming a deleted blob: the point row is
    /// withdrawn (point reads find nothing), the listing rows go, then the article blobs, then the point row, and last
    /// its raw pages, which are stored under the source's name: the next run finds by them an article it must finish.
    /// </remarks>
    public async Task<DeletedArticles> DeleteSourceArticlesAsync(string sourceId, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var id in _index.ListIdsAsync(sourceId, cancellationToken))
        {
            ids.Add(id);
        }
        await foreach (var id in _blobs.ListRawArticleIdsAsync(sourceId, cancellationToken))
        {
            ids.Add(id);
        }
        var deleted = 0;
        var categories = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(
            ids,
            new ParallelOptions { MaxDegreeOfParallelism = ParallelDeletions, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (await DeleteArticleAsync(sourceId, id, categories, ct))
                {
                    Interlocked.Increment(ref deleted);
                }
            });
        return new DeletedArticles(deleted, [.. categories.Keys]);
    }

    private async Task<bool> DeleteArticleAsync(string sourceId, string id, ConcurrentDictionary<string, byte> categories, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryDeleteArticleAsync(sourceId, id, categories, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412 && attempt < MaxSaveAttempts)
            {
                // A save of the same article (found by another source) changed the point row: read it again.
            }
        }
    }

    private async Task<bool> TryDeleteArticleAsync(string sourceId, string id, ConcurrentDictionary<string, byte> categories, CancellationToken cancellationToken)
    {
        var point = IsValidKey(id) ? await _index.GetPointAsync(id, cancellationToken) : null;
        if (point is null || !point.BelongsTo(sourceId))
        {
            // The article is another source's now, or gone: only raw pages left under this source's name remain, and no row names them.
            await _blobs.DeleteRawBlobsAsync(sourceId, id, [], cancellationToken);
            return false;
        }
        var footprint = point.Footprint;
        foreach (var slug in footprint.Keys.Select(CategorySlugOf).OfType<string>())
        {
            categories.TryAdd(slug, 0);
        }
        var etag = await _index.WithdrawAsync(point, cancellationToken);
        await _index.DeleteListingRowsAsync(footprint.Keys, cancellationToken);
        await _blobs.DeleteArticleBlobsAsync(id, footprint.ArticleBlobs, cancellationToken);
        await _index.DeletePointAsync(id, etag, cancellationToken);
        await _blobs.DeleteRawBlobsAsync(sourceId, id, footprint.RawBlobs, cancellationToken);
        return true;
    }

    private async Task<IReadOnlyList<Article>> WithContentAsync(IReadOnlyList<ListedArticle> listed, CancellationToken cancellationToken)
    {
        var items = new Article?[listed.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, listed.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBlobReads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (article, blobName) = listed[i];
                var body = blobName is null ? null : await _blobs.ReadBodyAsync(blobName, ct);
                // A blob superseded since the listing was read: the point row names the current version.
                items[i] = body is null
                    ? await GetAsync(article.Id, ct)
                    : article with { Body = body };
            });
        return items.OfType<Article>().ToArray();
    }
}

