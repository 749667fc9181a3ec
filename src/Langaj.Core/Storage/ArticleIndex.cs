using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;

namespace Langaj.Core.Storage;

/// <summary>
/// The table half of <see cref="ArticleStore"/>: table <c>articles</c>, its rows and the listings read from them.
/// </summary>
/// <remarks>
/// The point row (<c>PK = id, RK = "article"</c>) holds every field but the body (<see cref="ArticleColumns"/>), the
/// blob names, the sort key, and the <see cref="Footprint"/> of every row and blob that may exist for the article;
/// listing rows, one per view (<c>PK = "all"</c>, <c>"source|{sourceId}"</c>, <c>"category|{slug}"</c>), are keyed
/// <c>RK = {inverted ticks of Published ?? FirstSeen}_{id}</c> so that a partition query reads newest first, and carry
/// every field a listing shows; <c>PK = "categories", RK = slug</c> lists categories.
/// </remarks>
internal sealed class ArticleIndex(TableServiceClient tables, StorageOptions options)
{
    /// <summary>The largest page a listing serves (Table Storage's largest page, less the look-ahead row).</summary>
    public const int MaxLimit = 999;

    /// <summary>The partition of the category rows; no article may have it as its id.</summary>
    public const string CategoriesPartition = "categories";

    /// <summary>The partition of the listing of every article.</summary>
    public const string AllPartition = "all";

    private const string PointRowKey = "article";
    private const string CategoryPrefix = "category|";
    private const int SortTicksLength = 19;

    internal TableClient Table { get; } = tables.GetTableClient(options.Name("articles"));

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await Table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>The article's point row, committed or only intended; null when there is none.</summary>
    public async Task<PointRow?> GetPointAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(id, PointRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? new PointRow(row.Value!) : null;
    }

    /// <summary>The name of the raw blob of the article's committed version; null when no such article.</summary>
    public async Task<string?> GetRawBlobAsync(string id, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(id, PointRowKey, select: [Field.RawBlob], cancellationToken: cancellationToken);
        return row.HasValue ? row.Value!.GetString(Field.RawBlob) : null;
    }

    /// <summary>One page of listing rows, newest first: the articles without their body, and where their bodies are.</summary>
    /// <exception cref="ArgumentException">The limit is out of range.</exception>
    public async Task<ListedPage> ListAsync(ArticleQuery query, CancellationToken cancellationToken)
    {
        if (query.Limit is < 1 or > MaxLimit)
        {
            throw new ArgumentException($"The limit must be from 1 to {MaxLimit}.", nameof(query));
        }
        var after = query.Cursor?.RowKey;
        string partition;
        string? source = null;
        if (query.Category is not null)
        {
            var slug = CategorySlug.From(query.Category);
            if (slug.Length == 0)
            {
                return new ListedPage([], null);
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
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, maxPerPage: query.Limit + 1, cancellationToken: cancellationToken))
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
        return new ListedPage(
            [.. rows.Select(row => new ListedArticle(ReadArticle(row), row.GetString(Field.ArticleBlob)))],
            more ? ArticleCursor.After(rows[^1].RowKey) : null);
    }

    /// <summary>Every category that has had an article, in slug order (one partition query).</summary>
    public async Task<IReadOnlyList<CategoryInfo>> ListCategoriesAsync(CancellationToken cancellationToken)
    {
        var categories = new List<CategoryInfo>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CategoriesPartition}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            categories.Add(new CategoryInfo(row.RowKey, row.GetString(Field.Name) ?? row.RowKey, StoredTime.Parse(row.GetString(Field.LastArticle)) ?? default));
        }
        return categories;
    }

    /// <summary>Whether any article has had this category (by name or slug): one point read.</summary>
    public async Task<bool> HasCategoryAsync(string category, CancellationToken cancellationToken)
    {
        var slug = CategorySlug.From(category);
        return slug.Length > 0
            && (await Table.GetEntityIfExistsAsync<TableEntity>(CategoriesPartition, slug, [Field.Name], cancellationToken)).HasValue;
    }

    /// <summary>The ids of one source's articles (or of all articles), newest first.</summary>
    public async IAsyncEnumerable<string> ListIdsAsync(string? sourceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var partition = sourceId is null ? AllPartition : SourcePartition(sourceId);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: [Field.Id], cancellationToken: cancellationToken))
        {
            if (row.GetString(Field.Id) is { } id)
            {
                yield return id;
            }
        }
    }

    /// <summary>
    /// Records in the point row, before any of them is written, every row and blob that may come to exist
    /// (a new point row if there is none); returns the point row's ETag for the commit.
    /// </summary>
    public async Task<ETag> RecordIntentAsync(string id, PointRow? stored, Footprint intended, CancellationToken cancellationToken)
    {
        if (stored is null)
        {
            var intent = new TableEntity(id, PointRowKey);
            intended.WriteTo(intent);
            return (await Table.AddEntityAsync(intent, cancellationToken)).Headers.ETag ?? ETag.All;
        }
        if (intended.Equals(stored.Footprint))
        {
            return stored.ETag;
        }
        intended.WriteTo(stored.Entity);
        return (await Table.UpdateEntityAsync(stored.Entity, stored.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;
    }

    /// <summary>Upserts the listing rows of a version (fields from its point row) and its category's row.</summary>
    public async Task WriteListingRowsAsync(PointRow point, ArticleVersion version, CancellationToken cancellationToken)
    {
        var writes = version.Keys.Select(key =>
        {
            var row = new TableEntity(key.Partition, key.Row);
            foreach (var field in ListingFields)
            {
                if (point.Entity.TryGetValue(field, out var value) && value is not null)
                {
                    row[field] = value;
                }
            }
            row[Field.Id] = point.Id;
            return Table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken);
        }).ToList<Task>();
        if (version.CategorySlug.Length > 0 && point.Entity.GetString(Field.Category) is { } name)
        {
            writes.Add(TouchCategoryAsync(version.CategorySlug, name, version.SortTime, cancellationToken));
        }
        await Task.WhenAll(writes);
    }

    /// <summary>Replaces the point row if it still has <paramref name="etag"/>; returns its new ETag.</summary>
    public async Task<ETag> ReplacePointAsync(PointRow point, ETag etag, CancellationToken cancellationToken) =>
        (await Table.UpdateEntityAsync(point.Entity, etag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;

    public Task DeleteListingRowsAsync(IEnumerable<ListingKey> keys, CancellationToken cancellationToken) =>
        Task.WhenAll(keys.Select(key => Table.DeleteEntityAsync(key.Partition, key.Row, ETag.All, cancellationToken)));

    /// <summary>
    /// Takes the committed version out of the point row (it keeps its source id and footprint), so that point reads
    /// find no article before its blobs go; returns the row's ETag for <see cref="DeletePointAsync"/>.
    /// </summary>
    public async Task<ETag> WithdrawAsync(PointRow point, CancellationToken cancellationToken)
    {
        if (point.Committed is null)
        {
            return point.ETag;
        }
        point.Entity.Remove(Field.ArticleBlob);
        point.Entity.Remove(Field.RawBlob);
        return (await Table.UpdateEntityAsync(point.Entity, point.ETag, TableUpdateMode.Replace, cancellationToken)).Headers.ETag ?? ETag.All;
    }

    /// <summary>Deletes the point row if it still has <paramref name="etag"/>.</summary>
    public async Task DeletePointAsync(string id, ETag etag, CancellationToken cancellationToken) =>
        await Table.DeleteEntityAsync(id, PointRowKey, etag, cancellationToken);

    /// <summary>Whether a value can be part of a table key and a blob path: not empty, short, no '/', '\', '#', '?', '|' or control characters.</summary>
    public static bool IsValidKey(string value) =>
        value.Length is > 0 and <= 256 && !value.Any(c => c is '/' or '\\' or '#' or '?' or '|' || char.IsControl(c));

    /// <summary>Whether a value is shaped like a listing row key: <see cref="SortKey"/>'s digits, '_', and an id.</summary>
    public static bool IsListingRowKey(string value) =>
        value.Length > SortTicksLength + 1
        && !value.AsSpan(0, SortTicksLength).ContainsAnyExceptInRange('0', '9')
        && value[SortTicksLength] == '_'
        && IsValidKey(value[(SortTicksLength + 1)..]);

    internal static string SourcePartition(string sourceId) => "source|" + sourceId;

    internal static string CategoryPartition(string slug) => CategoryPrefix + slug;

    /// <summary>The category slug of a category listing's key; null for the other listings.</summary>
    internal static string? CategorySlugOf(ListingKey key) =>
        key.Partition.StartsWith(CategoryPrefix, StringComparison.Ordinal) ? key.Partition[CategoryPrefix.Length..] : null;

    internal static string SortKey(DateTimeOffset time, string id) =>
        (DateTimeOffset.MaxValue.UtcTicks - time.UtcTicks).ToString("D" + SortTicksLength, CultureInfo.InvariantCulture) + "_" + id;

    private async Task TouchCategoryAsync(string slug, string name, DateTimeOffset articleTime, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(CategoriesPartition, slug, cancellationToken: cancellationToken);
        if (row.HasValue && StoredTime.Parse(row.Value!.GetString(Field.LastArticle)) is { } last && last >= articleTime)
        {
            return;
        }
        var category = new TableEntity(CategoriesPartition, slug)
        {
            [Field.Name] = name,
            [Field.LastArticle] = StoredTime.Format(articleTime),
        };
        await Table.UpsertEntityAsync(category, TableUpdateMode.Replace, cancellationToken);
    }

    /// <summary>
    /// The columns of an article's fields, each with how its field is written there and read back: a point row holds
    /// them all and a listing row copies them (<see cref="ListingFields"/>); the body is in the article's blob.
    /// </summary>
    private static readonly ArticleColumn[] ArticleColumns =
    [
        new(Field.Id, a => a.Id, (a, value) => a with { Id = value }),
        new(Field.SourceId, a => a.SourceId, (a, value) => a with { SourceId = value }),
        new(Field.Url, a => a.Url, (a, value) => a with { Url = value }),
        ArticleColumn.ForMetadata(Field.Title, m => m.Title, (m, value) => m with { Title = value }),
        ArticleColumn.ForMetadata(Field.Authors, m => FormatList(m.Authors), (m, value) => m with { Authors = ParseList(value) }),
        ArticleColumn.ForMetadata(Field.Published, m => FormatTime(m.Published), (m, value) => m with { Published = StoredTime.Parse(value) }),
        ArticleColumn.ForMetadata(Field.Modified, m => FormatTime(m.Modified), (m, value) => m with { Modified = StoredTime.Parse(value) }),
        ArticleColumn.ForMetadata(Field.Category, m => m.Category, (m, value) => m with { Category = value }),
        ArticleColumn.ForMetadata(Field.Tags, m => FormatList(m.Tags), (m, value) => m with { Tags = ParseList(value) }),
        ArticleColumn.ForMetadata(Field.Image, m => m.Image, (m, value) => m with { Image = value }),
        ArticleColumn.ForMetadata(Field.Language, m => m.Language, (m, value) => m with { Language = value }),
        ArticleColumn.ForMetadata(Field.Summary, m => m.Summary, (m, value) => m with { Summary = value }),
        new(Field.FirstSeen, a => StoredTime.Format(a.FirstSeen), (a, value) => a with { FirstSeen = StoredTime.Parse(value) ?? default }),
        new(Field.Updated, a => StoredTime.Format(a.Updated), (a, value) => a with { Updated = StoredTime.Parse(value) ?? default }),
        new(Field.ContentHash, a => a.ContentHash, (a, value) => a with { ContentHash = value }),
    ];

    /// <summary>What a listing row copies from the point row: everything a listing shows, and the blob to read for the body.</summary>
    private static readonly string[] ListingFields = [.. ArticleColumns.Select(column => column.Name), Field.ArticleBlob];

    /// <summary>The article a row holds, without its body; a field whose column the row lacks is left empty.</summary>
    internal static Article ReadArticle(TableEntity entity) => ArticleColumns.Aggregate(
        // The id's fallback is the row's partition key: a point row's is the id.
        new Article { Id = entity.PartitionKey, SourceId = "", Url = "", Metadata = new() { Title = "" }, FirstSeen = default, Updated = default },
        (article, column) => entity.GetString(column.Name) is { } value ? column.Read(article, value) : article);

    /// <summary>Writes the article's columns; a field without a value (no date, no category...) gets none.</summary>
    internal static void WriteArticle(TableEntity entity, Article article)
    {
        foreach (var column in ArticleColumns)
        {
            if (column.Write(article) is { } value)
            {
                entity[column.Name] = value;
            }
        }
    }

    private static string FormatList(IReadOnlyList<string> values) => JsonSerializer.Serialize(values, Field.Json);

    private static string[] ParseList(string json) => JsonSerializer.Deserialize<string[]>(json, Field.Json) ?? [];

    private static string? FormatTime(DateTimeOffset? time) => time is { } value ? StoredTime.Format(value) : null;

    /// <summary>A column holding one field of an article: how the field is written as text, and read back from it.</summary>
    private sealed record ArticleColumn(string Name, Func<Article, string?> Write, Func<Article, string, Article> Read)
    {
        /// <summary>A column holding one of the article's <see cref="ArticleMetadata"/> fields.</summary>
        public static ArticleColumn ForMetadata(string name, Func<ArticleMetadata, string?> write, Func<ArticleMetadata, string, ArticleMetadata> read) =>
            new(name, article => write(article.Metadata), (article, value) => article with { Metadata = read(article.Metadata, value) });
    }

    /// <summary>A point row as read (with its ETag) or as about to be written.</summary>
    internal sealed class PointRow(TableEntity entity)
    {
        internal TableEntity Entity { get; } = entity;

        public string Id => Entity.PartitionKey;
        public ETag ETag => Entity.ETag;

        /// <summary>
        /// Whether the row is the source's: its article (committed, or withdrawn by a deletion) is, or, for a first
        /// save not yet committed (which records no source id), its footprint names the source's listing.
        /// </summary>
        public bool BelongsTo(string sourceId) =>
            Entity.GetString(Field.SourceId) is { } owner
                ? owner == sourceId
                : Footprint.Keys.Any(key => key.Partition == SourcePartition(sourceId));
        public string? ContentHash => Entity.GetString(Field.ContentHash);
        public DateTimeOffset? FirstSeen => StoredTime.Parse(Entity.GetString(Field.FirstSeen));

        /// <summary>Every row and blob that may exist for the article.</summary>
        public Footprint Footprint => Footprint.From(Entity);

        /// <summary>The committed version; null while the row only records an intent (a first save not yet committed).</summary>
        public ArticleVersion? Committed => Entity.GetString(Field.ArticleBlob) is null ? null : ArticleVersion.From(Entity);

        /// <summary>The committed article without its body; null while there is none.</summary>
        public Article? Article => Entity.GetString(Field.ArticleBlob) is null ? null : ReadArticle(Entity);

        public string? ArticleBlob => Entity.GetString(Field.ArticleBlob);

        /// <summary>The point row that commits <paramref name="article"/> as <paramref name="version"/>, still naming <paramref name="footprint"/>.</summary>
        public static PointRow For(Article article, ArticleVersion version, Footprint footprint)
        {
            var point = new TableEntity(article.Id, PointRowKey);
            WriteArticle(point, article);
            version.WriteTo(point);
            footprint.WriteTo(point);
            return new PointRow(point);
        }

        /// <summary>Forgets, in this row, every row and blob but the committed version's.</summary>
        public void ForgetAllBut(ArticleVersion version) => version.AsFootprint().WriteTo(Entity);
    }

    /// <summary>Property names in the table.</summary>
    internal static class Field
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

        public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    }
}

/// <summary>One page of a listing as the index holds it: articles without their body, and the cursor that continues it.</summary>
internal sealed record ListedPage(IReadOnlyList<ListedArticle> Items, ArticleCursor? Next);

/// <summary>A listed article without its body, and the blob that holds the body (null for a row that names none).</summary>
internal sealed record ListedArticle(Article Article, string? ArticleBlob);

/// <summary>A listing row's key.</summary>
internal readonly record struct ListingKey(string Partition, string Row);

/// <summary>What one version of an article consists of: its listing keys and its two blobs.</summary>
internal sealed record ArticleVersion(IReadOnlyList<ListingKey> Keys, string ArticleBlob, string RawBlob, string SortKey, string CategorySlug, DateTimeOffset SortTime)
{
    public static ArticleVersion For(Article article, string rawBlob)
    {
        var sortTime = article.Metadata.Published ?? article.FirstSeen;
        var sortKey = ArticleIndex.SortKey(sortTime, article.Id);
        var slug = article.Metadata.Category is { } category ? Storage.CategorySlug.From(category) : "";
        return new ArticleVersion(Listing(article.SourceId, slug, sortKey), ArticleBlobs.ArticleBlobName(article), rawBlob, sortKey, slug, sortTime);
    }

    public static ArticleVersion From(TableEntity point)
    {
        var sortKey = point.GetString(ArticleIndex.Field.SortKey) ?? "";
        var slug = point.GetString(ArticleIndex.Field.CategorySlug) ?? "";
        var article = ArticleIndex.ReadArticle(point);
        return new ArticleVersion(
            Listing(article.SourceId, slug, sortKey), point.GetString(ArticleIndex.Field.ArticleBlob) ?? "", point.GetString(ArticleIndex.Field.RawBlob) ?? "",
            sortKey, slug, article.Metadata.Published ?? article.FirstSeen);
    }

    public Footprint AsFootprint() => new(Keys.ToHashSet(), new HashSet<string> { ArticleBlob }, new HashSet<string> { RawBlob });

    public void WriteTo(TableEntity point)
    {
        point[ArticleIndex.Field.ArticleBlob] = ArticleBlob;
        point[ArticleIndex.Field.RawBlob] = RawBlob;
        point[ArticleIndex.Field.SortKey] = SortKey;
        point[ArticleIndex.Field.CategorySlug] = CategorySlug;
    }

    private static ListingKey[] Listing(string sourceId, string slug, string sortKey) =>
        slug.Length == 0
            ? [new(ArticleIndex.AllPartition, sortKey), new(ArticleIndex.SourcePartition(sourceId), sortKey)]
            : [new(ArticleIndex.AllPartition, sortKey), new(ArticleIndex.SourcePartition(sourceId), sortKey), new(ArticleIndex.CategoryPartition(slug), sortKey)];
}

/// <summary>Every listing row and blob that may exist for an article, as recorded in its point row.</summary>
internal sealed record Footprint(IReadOnlySet<ListingKey> Keys, IReadOnlySet<string> ArticleBlobs, IReadOnlySet<string> RawBlobs)
{
    public static readonly Footprint Empty = new(new HashSet<ListingKey>(), new HashSet<string>(), new HashSet<string>());

    public bool IsEmpty => Keys.Count == 0 && ArticleBlobs.Count == 0 && RawBlobs.Count == 0;

    public static Footprint From(TableEntity point) => new(
        (JsonSerializer.Deserialize<string[][]>(point.GetString(ArticleIndex.Field.KnownKeys) ?? "[]", ArticleIndex.Field.Json) ?? [])
            .Select(pair => new ListingKey(pair[0], pair[1])).ToHashSet(),
        (JsonSerializer.Deserialize<string[]>(point.GetString(ArticleIndex.Field.KnownArticleBlobs) ?? "[]", ArticleIndex.Field.Json) ?? []).ToHashSet(),
        (JsonSerializer.Deserialize<string[]>(point.GetString(ArticleIndex.Field.KnownRawBlobs) ?? "[]", ArticleIndex.Field.Json) ?? []).ToHashSet());

    public Footprint With(Footprint other) => new(
        Keys.Union(other.Keys).ToHashSet(), ArticleBlobs.Union(other.ArticleBlobs).ToHashSet(), RawBlobs.Union(other.RawBlobs).ToHashSet());

    public Footprint Without(Footprint other) => new(
        Keys.Except(other.Keys).ToHashSet(), ArticleBlobs.Except(other.ArticleBlobs).ToHashSet(), RawBlobs.Except(other.RawBlobs).ToHashSet());

    public void WriteTo(TableEntity point)
    {
        point[ArticleIndex.Field.KnownKeys] = JsonSerializer.Serialize(Keys.Select(k => new[] { k.Partition, k.Row }), ArticleIndex.Field.Json);
        point[ArticleIndex.Field.KnownArticleBlobs] = JsonSerializer.Serialize(ArticleBlobs, ArticleIndex.Field.Json);
        point[ArticleIndex.Field.KnownRawBlobs] = JsonSerializer.Serialize(RawBlobs, ArticleIndex.Field.Json);
    }

    public bool Equals(Footprint? other) =>
        other is not null && Keys.SetEquals(other.Keys) && ArticleBlobs.SetEquals(other.ArticleBlobs) && RawBlobs.SetEquals(other.RawBlobs);

    public override int GetHashCode() => Keys.Count ^ ArticleBlobs.Count ^ RawBlobs.Count;
}
