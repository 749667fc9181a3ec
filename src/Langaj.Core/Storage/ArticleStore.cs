using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Storage;

/// <summary>
/// Articles in Azure Storage: raw pages and cleaned articles in Blob Storage, the index in Table Storage.
/// </summary>
/// <remarks>
/// <para>Blobs: see <see cref="ArticleBlobs"/>.</para>
/// <para>Table <c>articles</c>: the point row (<c>PK = id, RK = "article"</c>) holds every field but Text and Html,
/// the blob names, and the sort key; listing rows, one per view (<c>PK = "all"</c>, <c>"source|{sourceId}"</c>,
/// <c>"category|{slug}"</c>), are keyed <c>RK = {inverted ticks of Published ?? FirstSeen}_{id}</c> so that a partition
/// query reads newest first, and carry every field a listing shows; <c>PK = "categories", RK = slug</c> lists categories.</para>
/// <para>Saving writes the blobs, records in the point row every key and blob it is about to write, writes the listing
/// rows, then commits by replacing the point row (optimistic concurrency on its ETag), then deletes what the previous
/// version left behind. The point row's record of what may exist is what lets the next save finish an interrupted one.</para>
/// </remarks>
public sealed class ArticleStore(BlobServiceClient blobs, TableServiceClient tables, IOptions<StorageOptions> options, TimeProvider time, ILogger<ArticleStore> logger)
{
    /// <summary>The largest page <see cref="ListAsync"/> serves (Table Storage's largest page, less the look-ahead row).</summary>
    public const int MaxLimit = 999;

    private const string PointRowKey = "article";
    private const string AllPartition = "all";
    private const string CategoriesPartition = "categories";
    private const int MaxSaveAttempts = 8;
    private const int ParallelBlobReads = 8;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly TableClient _table = tables.GetTableClient(options.Value.Name("articles"));
    private readonly ArticleBlobs _blobs = new(blobs, options.Value);

    /// <summary>Called after each step of a save; tests cut storage off here to simulate a crash between steps.</summary>
    internal Func<SaveStep, Task>? AfterStep { get; set; }

    internal TableClient Table => _table;
    internal BlobContainerClient ArticleBlobs => _blobs.Articles;
    internal BlobContainerClient RawBlobs => _blobs.Raw;

    /// <summary>Creates the containers and tables if they do not exist (idempotent).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
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
            var row = await _table.GetEntityIfExistsAsync<TableEntity>(id, PointRowKey, cancellationToken: cancellationToken);
            if (!row.HasValue || row.Value!.GetString(Field.ArticleBlob) is not { } blobName)
            {
                return null;
            }
            if (await _blobs.ReadContentAsync(blobName, cancellationToken) is { } content)
            {
                return ReadArticle(row.Value) with { Text = content.Text, Html = content.Html };
            }
        }
        throw new InvalidOperationException($"Article {id}'s point row keeps naming a missing blob.");
    }

    /// <summary>The stored article without its body (Text and Html empty): one point read, no blob read.</summary>
    public async Task<Article?> FindAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidKey(id))
        {
            return null;
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(id, PointRowKey, cancellationToken: cancellationToken);
        return row.HasValue && row.Value!.GetString(Field.ArticleBlob) is not null ? ReadArticle(row.Value) : null;
    }

    /// <summary>Newest first; with <paramref name="includeContent"/> false, Text and Html are left empty (no blob reads).</summary>
    /// <exception cref="ArgumentException">The limit is out of range or the cursor is not one this store returned.</exception>
    public async Task<ArticlePage> ListAsync(ArticleQuery query, bool includeContent, CancellationToken cancellationToken)
    {
        if (query.Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"The limit must be from 1 to {MaxLimit}.", nameof(query));
        }
        var after = query.Cursor is null ? null : DecodeCursor(query.Cursor);
        string partition;
        string? source = null;
        if (query.Category is not null)
        {
            var slug = CategorySlug.From(query.Category);
            if (slug.Length == 0)
            {
                return new ArticlePage([], null);
            }
            partition = CategoryPartition(slug);
            // Category and source together: the category's partition, filtered (still one partition query).
            source = query.SourceId;
        }
        else
        {
            partition = query.SourceId is null ? AllPartition : SourcePartition(query.SourceId);
        }

        var filter = (after, source) switch
        {
            (null, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition}"),
            (null, _) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and SourceId eq {source}"),
            (_, null) => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}"),
            _ => TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after} and SourceId eq {source}"),
        };

        // One row more than asked tells whether there is a next page.
        var rows = new List<TableEntity>(query.Limit + 1);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: query.Limit + 1, cancellationToken: cancellationToken))
        {
            rows.Add(row);
            if (rows.Count > query.Limit)
            {
                break;
            }
        }
        var more = rows.Count > query.Limit;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        IReadOnlyList<Article> items = includeContent
            ? await WithContentAsync(rows, cancellationToken)
            : rows.Select(ReadArticle).ToArray();
        return new ArticlePage(items, more ? EncodeCursor(rows[^1].RowKey) : null);
    }

    /// <summary>Every category that has had an article, in slug order (one partition query).</summary>
    public async Task<IReadOnlyList<CategoryInfo>> ListCategoriesAsync(CancellationToken cancellationToken)
    {
        var categories = new List<CategoryInfo>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CategoriesPartition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            categories.Add(new CategoryInfo(row.RowKey, row.GetString(Field.Name) ?? row.RowKey, ParseTime(row.GetString(Field.LastArticle)) ?? default));
        }
        return categories;
    }

    /// <summary>Whether any article has had this category (by name or slug): one point read.</summary>
    public async Task<bool> HasCategoryAsync(string category, CancellationToken cancellationToken)
    {
        var slug = CategorySlug.From(category);
        return slug.Length > 0
            && (await _table.GetEntityIfExistsAsync<TableEntity>(CategoriesPartition, slug, [Field.Name], cancellationToken)).HasValue;
    }

    /// <summary>The ids of one source's articles (or of all articles), newest first, for re-running extraction.</summary>
    public async IAsyncEnumerable<string> ListIdsAsync(string? sourceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = sourceId is null ? AllPartition : SourcePartition(sourceId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: [Field.Id], cancellationToken: cancellationToken))
        {
            if (row.GetString(Field.Id) is { } id)
            {
                yield return id;
            }
        }
    }

    /// <summary>The page the stored version of the article was extracted from; null when no such article.</summary>
    public async Task<RawPage?> GetRawAsync(string id, CancellationToken cancellationToken)
    {
        if (!IsValidKey(id))
        {
            return null;
        }
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(id, PointRowKey, select: [Field.RawBlob], cancellationToken: cancellationToken);
        if (!row.HasValue || row.Value!.GetString(Field.RawBlob) is not { } blobName)
        {
            return null;
        }
        return await _blobs.ReadRawAsync(blobName, cancellationToken);
    }

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
        var id = article.Id;
        var read = await _table.GetEntityIfExistsAsync<TableEntity>(id, PointRowKey, cancellationToken: cancellationToken);
        var stored = read.HasValue ? read.Value : null;
        var known = stored is null ? Known.Empty : Known.From(stored);
        var committed = stored?.GetString(Field.ArticleBlob) is not null ? Committed.From(stored!) : null;

        if (committed is not null && stored!.GetString(Field.ContentHash) == article.ContentHash)
        {
            if (known.Equals(committed.AsKnown()))
            {
                return SaveOutcome.Unchanged;
            }
            // Same content, but an earlier save was interrupted: finish its work, keeping the stored version.
            await WriteListingRowsAsync(stored, committed, cancellationToken);
            await CleanUpAsync(stored, stored.ETag, committed, known, cancellationToken);
            return SaveOutcome.Unchanged;
        }

        var now = time.GetUtcNow();
        var version = article with
        {
            FirstSeen = committed is not null ? ParseTime(stored!.GetString(Field.FirstSeen)) ?? now : now,
            Updated = now,
        };
        var target = Committed.For(version, Storage.ArticleBlobs.RawBlobName(version, raw));

        await _blobs.UploadRawAsync(target.RawBlob, raw, cancellationToken);
        await Step(SaveStep.RawBlobWritten);
        await _blobs.UploadArticleAsync(target.ArticleBlob, version, cancellationToken);
        await Step(SaveStep.ArticleBlobWritten);

        // Intent: before any listing row exists, the point row names it, so that an interrupted save can be cleaned up.
        var intended = known.With(target.AsKnown());
        ETag etag;
        if (stored is null)
        {
            var intent = new TableEntity(id, PointRowKey);
            intended.WriteTo(intent);
            etag = (await _table.AddEntityAsync(intent, cancellationToken)).Headers.ETag ?? ETag.All;
        }
        else if (!intended.Equals(known))
        {
            intended.WriteTo(stored);
            etag = (await _table.UpdateEntityAsync(stored, stored.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;
        }
        else
        {
            etag = stored.ETag;
        }
        await Step(SaveStep.IntentRecorded);

        var point = new TableEntity(id, PointRowKey);
        WriteArticle(point, version);
        target.WriteTo(point);
        intended.WriteTo(point);
        await WriteListingRowsAsync(point, target, cancellationToken);
        await Step(SaveStep.ListingRowsWritten);

        // The commit point: from here readers see the new version.
        var commit = await _table.UpdateEntityAsync(point, etag, TableUpdateMode.Replace, cancellationToken);
        await Step(SaveStep.Committed);

        await CleanUpAsync(point, commit.Headers.ETag ?? ETag.All, target, intended, cancellationToken);
        return committed is null ? SaveOutcome.New : SaveOutcome.Updated;
    }

    /// <summary>Upserts the listing rows of a version (fields from <paramref name="source"/>) and its category's row.</summary>
    private async Task WriteListingRowsAsync(TableEntity source, Committed version, CancellationToken cancellationToken)
    {
        var writes = version.Keys.Select(key =>
        {
            var row = new TableEntity(key.Partition, key.Row);
            foreach (var field in Field.Listing)
            {
                if (source.TryGetValue(field, out var value) && value is not null)
                {
                    row[field] = value;
                }
            }
            row[Field.Id] = source.PartitionKey;
            return _table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }).ToList<Task>();
        if (version.CategorySlug.Length > 0 && source.GetString(Field.Category) is { } name)
        {
            writes.Add(TouchCategoryAsync(version.CategorySlug, name, version.SortTime, cancellationToken));
        }
        await Task.WhenAll(writes);
    }

    private async Task TouchCategoryAsync(string slug, string name, DateTimeOffset articleTime, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(CategoriesPartition, slug, cancellationToken: cancellationToken);
        if (row.HasValue && ParseTime(row.Value!.GetString(Field.LastArticle)) is { } last && last >= articleTime)
        {
            return;
        }
        var category = new TableEntity(CategoriesPartition, slug)
        {
            [Field.Name] = name,
            [Field.LastArticle] = FormatTime(articleTime),
        };
        await _table.UpsertEntityAsync(category, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// Deletes the listing rows, then the blobs, that the point row knows of but that are not the committed version's,
    /// then forgets them. A failure here loses nothing: the point row still names them and the next save retries.
    /// </summary>
    private async Task CleanUpAsync(TableEntity point, ETag etag, Committed version, Known known, CancellationToken cancellationToken)
    {
        var stale = known.Without(version.AsKnown());
        if (stale.IsEmpty)
        {
            return;
        }
        try
        {
            // Rows first: a row must never name a blob that is gone.
            await Task.WhenAll(stale.Keys.Select(key => _table.DeleteEntityAsync(key.Partition, key.Row, ETag.All, cancellationToken)));
            await Step(SaveStep.StaleRowsDeleted);
            await _blobs.DeleteAsync(stale.ArticleBlobs, stale.RawBlobs, cancellationToken);
            await Step(SaveStep.StaleBlobsDeleted);
            version.AsKnown().WriteTo(point);
            await _table.UpdateEntityAsync(point, etag, TableUpdateMode.Replace, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            logger.LogWarning(e, "Could not clean up after saving article {Id}; the next save of it will", point.PartitionKey);
        }
    }

    private async Task<IReadOnlyList<Article>> WithContentAsync(List<TableEntity> rows, CancellationToken cancellationToken)
    {
        var items = new Article?[rows.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, rows.Count),
            new ParallelOptions { MaxDegreeOfParallelism = ParallelBlobReads, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var row = rows[i];
                var content = row.GetString(Field.ArticleBlob) is { } blobName ? await _blobs.ReadContentAsync(blobName, ct) : null;
                // A blob superseded since the listing was read: the point row names the current version.
                items[i] = content is null
                    ? await GetAsync(row.GetString(Field.Id) ?? "", ct)
                    : ReadArticle(row) with { Text = content.Text, Html = content.Html };
            });
        return items.OfType<Article>().ToArray();
    }

    private Task Step(SaveStep step) => AfterStep?.Invoke(step) ?? Task.CompletedTask;

    internal static string SourcePartition(string sourceId) => "source|" + sourceId;

    internal static string CategoryPartition(string slug) => "category|" + slug;

    internal static string SortKey(DateTimeOffset time, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "_" + id;

    private static string EncodeCursor(string rowKey) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(rowKey));

    private static string DecodeCursor(string cursor)
    {
        string rowKey;
        try
        {
            rowKey = cursor.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')
                ? Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor))
                : "";
        }
        catch (FormatException)
        {
            rowKey = "";
        }
        if (rowKey.Length < 21 || rowKey.AsSpan(0, 19).ContainsAnyExceptInRange('0', '9') || rowKey[19] != '_' || !IsValidKey(rowKey[20..]))
        {
            throw new ArgumentException("The cursor is not one returned as 'next' by an earlier page.", nameof(cursor));
        }
        return rowKey;
    }

    /// <summary>Whether a value can be part of a table key and a blob path: not empty, short, no '/', '\', '#', '?', '|' or control characters.</summary>
    private static bool IsValidKey(string value) =>
        value.Length is > 0 and <= 256 && !value.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));

    private static void WriteArticle(TableEntity entity, Article article)
    {
        entity[Field.Id] = article.Id;
        entity[Field.SourceId] = article.SourceId;
        entity[Field.Url] = article.Url;
        entity[Field.Title] = article.Title;
        entity[Field.Authors] = JsonSerializer.Serialize(article.Authors, Json);
        entity[Field.Tags] = JsonSerializer.Serialize(article.Tags, Json);
        entity[Field.Summary] = article.Summary;
        entity[Field.FirstSeen] = FormatTime(article.FirstSeen);
        entity[Field.Updated] = FormatTime(article.Updated);
        entity[Field.ContentHash] = article.ContentHash;
        SetIfNotNull(entity, Field.Published, article.Published is { } published ? FormatTime(published) : null);
        SetIfNotNull(entity, Field.Modified, article.Modified is { } modified ? FormatTime(modified) : null);
        SetIfNotNull(entity, Field.Category, article.Category);
        SetIfNotNull(entity, Field.Image, article.Image);
        SetIfNotNull(entity, Field.Language, article.Language);
    }

    private static Article ReadArticle(TableEntity entity) => new()
    {
        Id = entity.GetString(Field.Id) ?? entity.PartitionKey,
        SourceId = entity.GetString(Field.SourceId) ?? "",
        Url = entity.GetString(Field.Url) ?? "",
        Title = entity.GetString(Field.Title) ?? "",
        Authors = JsonSerializer.Deserialize<string[]>(entity.GetString(Field.Authors) ?? "[]", Json) ?? [],
        Tags = JsonSerializer.Deserialize<string[]>(entity.GetString(Field.Tags) ?? "[]", Json) ?? [],
        Published = ParseTime(entity.GetString(Field.Published)),
        Modified = ParseTime(entity.GetString(Field.Modified)),
        Category = entity.GetString(Field.Category),
        Image = entity.GetString(Field.Image),
        Language = entity.GetString(Field.Language),
        Summary = entity.GetString(Field.Summary) ?? "",
        FirstSeen = ParseTime(entity.GetString(Field.FirstSeen)) ?? default,
        Updated = ParseTime(entity.GetString(Field.Updated)) ?? default,
        ContentHash = entity.GetString(Field.ContentHash) ?? "",
    };

    private static void SetIfNotNull(TableEntity entity, string name, string? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    // Times are kept as ISO 8601 text rather than Edm.DateTime, which would drop the publisher's UTC offset.
    internal static string FormatTime(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    internal static DateTimeOffset? ParseTime(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    internal readonly record struct ListingKey(string Partition, string Row);

    /// <summary>What a committed version consists of: its listing keys and its two blobs.</summary>
    private sealed record Committed(IReadOnlyList<ListingKey> Keys, string ArticleBlob, string RawBlob, string SortKey, string CategorySlug, DateTimeOffset SortTime)
    {
        public static Committed For(Article article, string rawBlob)
        {
            var sortTime = article.Published ?? article.FirstSeen;
            var sortKey = ArticleStore.SortKey(sortTime, article.Id);
            var slug = article.Category is null ? "" : Storage.CategorySlug.From(article.Category);
            return new Committed(Listing(article.SourceId, slug, sortKey), Storage.ArticleBlobs.ArticleBlobName(article), rawBlob, sortKey, slug, sortTime);
        }

        public static Committed From(TableEntity point)
        {
            var sortKey = point.GetString(Field.SortKey) ?? "";
            var slug = point.GetString(Field.CategorySlug) ?? "";
            var article = ReadArticle(point);
            return new Committed(
                Listing(article.SourceId, slug, sortKey), point.GetString(Field.ArticleBlob) ?? "", point.GetString(Field.RawBlob) ?? "",
                sortKey, slug, article.Published ?? article.FirstSeen);
        }

        public Known AsKnown() => new(Keys.ToHashSet(), new HashSet<string> { ArticleBlob }, new HashSet<string> { RawBlob });

        public void WriteTo(TableEntity point)
        {
            point[Field.ArticleBlob] = ArticleBlob;
            point[Field.RawBlob] = RawBlob;
            point[Field.SortKey] = SortKey;
            point[Field.CategorySlug] = CategorySlug;
        }

        private static ListingKey[] Listing(string sourceId, string slug, string sortKey) =>
            slug.Length == 0
                ? [new(AllPartition, sortKey), new(SourcePartition(sourceId), sortKey)]
                : [new(AllPartition, sortKey), new(SourcePartition(sourceId), sortKey), new(CategoryPartition(slug), sortKey)];
    }

    /// <summary>Every listing row and blob that may exist for an article, as recorded in its point row.</summary>
    private sealed record Known(IReadOnlySet<ListingKey> Keys, IReadOnlySet<string> ArticleBlobs, IReadOnlySet<string> RawBlobs)
    {
        public static readonly Known Empty = new(new HashSet<ListingKey>(), new HashSet<string>(), new HashSet<string>());

        public bool IsEmpty => Keys.Count == 0 && ArticleBlobs.Count == 0 && RawBlobs.Count == 0;

        public static Known From(TableEntity point) => new(
            (JsonSerializer.Deserialize<string[][]>(point.GetString(Field.KnownKeys) ?? "[]", Json) ?? [])
                .Select(pair => new ListingKey(pair[0], pair[1])).ToHashSet(),
            (JsonSerializer.Deserialize<string[]>(point.GetString(Field.KnownArticleBlobs) ?? "[]", Json) ?? []).ToHashSet(),
            (JsonSerializer.Deserialize<string[]>(point.GetString(Field.KnownRawBlobs) ?? "[]", Json) ?? []).ToHashSet());

        public Known With(Known other) => new(
            Keys.Union(other.Keys).ToHashSet(), ArticleBlobs.Union(other.ArticleBlobs).ToHashSet(), RawBlobs.Union(other.RawBlobs).ToHashSet());

        public Known Without(Known other) => new(
            Keys.Except(other.Keys).ToHashSet(), ArticleBlobs.Except(other.ArticleBlobs).ToHashSet(), RawBlobs.Except(other.RawBlobs).ToHashSet());

        public void WriteTo(TableEntity point)
        {
            point[Field.KnownKeys] = JsonSerializer.Serialize(Keys.Select(k => new[] { k.Partition, k.Row }), Json);
            point[Field.KnownArticleBlobs] = JsonSerializer.Serialize(ArticleBlobs, Json);
            point[Field.KnownRawBlobs] = JsonSerializer.Serialize(RawBlobs, Json);
        }

        public bool Equals(Known? other) =>
            other is not null && Keys.SetEquals(other.Keys) && ArticleBlobs.SetEquals(other.ArticleBlobs) && RawBlobs.SetEquals(other.RawBlobs);

        public override int GetHashCode() => Keys.Count ^ ArticleBlobs.Count ^ RawBlobs.Count;
    }

    /// <summary>Property and metadata names in storage.</summary>
    private static class Field
    {
        public const string Id = "Id";
        public const string SourceId = "SourceId";
        public const string Url = "Url";
        public const string Title = "Title";
        public const string Authors = "Authors";
        public const string Published = "Published";
        public const string Modified = "Modified";
        public const string Category = "Category";
        public const string Tags = "Tags";
        public const string Image = "Image";
        public const string Language = "Language";
        public const string Summary = "Summary";
        public const string FirstSeen = "FirstSeen";
        public const string Updated = "Updated";
        public const string ContentHash = "ContentHash";
        public const string ArticleBlob = "ArticleBlob";
        public const string RawBlob = "RawBlob";
        public const string SortKey = "SortKey";
        public const string CategorySlug = "CategorySlug";
        public const string KnownKeys = "KnownKeys";
        public const string KnownArticleBlobs = "KnownArticleBlobs";
        public const string KnownRawBlobs = "KnownRawBlobs";
        public const string Name = "Name";
        public const string LastArticle = "LastArticle";

        /// <summary>What a listing row copies from the point row: everything a listing shows, and the blob to read for content.</summary>
        public static readonly string[] Listing =
            [Id, SourceId, Url, Title, Authors, Published, Modified, Category, Tags, Image, Language, Summary, FirstSeen, Updated, ContentHash, ArticleBlob];
    }
}

/// <summary>The steps of a save, in order (for tests that interrupt one).</summary>
internal enum SaveStep
{
    RawBlobWritten,
    ArticleBlobWritten,
    IntentRecorded,
    ListingRowsWritten,
    Committed,
    StaleRowsDeleted,
    StaleBlobsDeleted,
}
