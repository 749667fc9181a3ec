using Azure.Data.Tables;
using Langaj.Core;

namespace Langaj.Integration.Tests.Storage;

/// <summary>Checks of what the article store left in storage, read directly from its table and containers.</summary>
internal static class StorageAssert
{
    /// <summary>Field by field, lists by content and times with their offsets (records compare lists by reference).</summary>
    public static void SameArticle(Article expected, Article actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(actual));

    public static async Task<List<TableEntity>> AllRowsAsync(ArticleStore store)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in store.Table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }
        return rows;
    }

    public static bool IsListingRow(TableEntity row) =>
        row.PartitionKey == "all"
        || row.PartitionKey.StartsWith("source|", StringComparison.Ordinal)
        || row.PartitionKey.StartsWith("category|", StringComparison.Ordinal);

    /// <summary>What must hold after any crash: every row that names a blob names one that exists.</summary>
    public static async Task NoRowNamesAMissingBlobAsync(ArticleStore store)
    {
        foreach (var row in await AllRowsAsync(store))
        {
            if (row.GetString("ArticleBlob") is { } articleBlob)
            {
                Assert.True(await store.ArticleBlobs.GetBlobClient(articleBlob).ExistsAsync(), $"{row.PartitionKey}/{row.RowKey} names missing {articleBlob}");
            }
            if (row.GetString("RawBlob") is { } rawBlob)
            {
                Assert.True(await store.RawBlobs.GetBlobClient(rawBlob).ExistsAsync(), $"{row.PartitionKey}/{row.RowKey} names missing {rawBlob}");
            }
        }
    }

    /// <summary>
    /// What must hold once saves have completed: every article has exactly its listing rows (one per view, at its
    /// sort key), nothing else is listed, no blob is left but the committed ones, and no unfinished work is recorded.
    /// </summary>
    public static async Task CleanAsync(ArticleStore store)
    {
        await NoRowNamesAMissingBlobAsync(store);
        var rows = await AllRowsAsync(store);
        var points = rows.Where(r => r.RowKey == "article").ToDictionary(r => r.PartitionKey);
        var listing = rows.Where(IsListingRow).ToList();

        var expected = new HashSet<(string, string)>();
        foreach (var point in points.Values)
        {
            var sortKey = point.GetString("SortKey");
            Assert.NotNull(sortKey);
            expected.Add(("all", sortKey));
            expected.Add(("source|" + point.GetString("SourceId"), sortKey));
            if (point.GetString("CategorySlug") is { Length: > 0 } slug)
            {
                expected.Add(("category|" + slug, sortKey));
            }
            Assert.Equal($"[\"{point.GetString("ArticleBlob")}\"]", point.GetString("KnownArticleBlobs"));
            Assert.Equal($"[\"{point.GetString("RawBlob")}\"]", point.GetString("KnownRawBlobs"));
        }
        Assert.Equal(expected.OrderBy(k => k), listing.Select(r => (r.PartitionKey, r.RowKey)).OrderBy(k => k));

        var articleBlobs = new List<string>();
        await foreach (var blob in store.ArticleBlobs.GetBlobsAsync())
        {
            articleBlobs.Add(blob.Name);
        }
        Assert.Equal(points.Values.Select(p => p.GetString("ArticleBlob")).Order(), articleBlobs.Order());
        var rawBlobs = new List<string>();
        await foreach (var blob in store.RawBlobs.GetBlobsAsync())
        {
            rawBlobs.Add(blob.Name);
        }
        Assert.Equal(points.Values.Select(p => p.GetString("RawBlob")).Order(), rawBlobs.Order());
    }

    /// <summary>Every row's and blob's ETag, to show that a save changed nothing.</summary>
    public static async Task<List<string>> SnapshotAsync(ArticleStore store)
    {
        var snapshot = (await AllRowsAsync(store)).Select(r => $"{r.PartitionKey}/{r.RowKey} {r.ETag}").ToList();
        await foreach (var blob in store.ArticleBlobs.GetBlobsAsync())
        {
            snapshot.Add($"articles:{blob.Name} {blob.Properties.ETag}");
        }
        await foreach (var blob in store.RawBlobs.GetBlobsAsync())
        {
            snapshot.Add($"raw:{blob.Name} {blob.Properties.ETag}");
        }
        return snapshot;
    }
}
