using Azure;
using Azure.Core;

namespace Langaj.Integration.Tests.Storage;

/// <summary>
/// Storage cut off mid-save (a crash between two steps, at the request that follows the step) or entirely. The
/// class has an emulator of its own (class fixture), which <see cref="Storage_down_is_a_request_failure_not_null_or_a_hang"/>
/// stops and starts again.
/// </summary>
public sealed class ArticleStoreOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    private readonly string _prefix = AzuriteFixture.NewNamePrefix();
    private readonly StorageCrash _crash = new();
    private ServiceProvider _services = null!;
    private ArticleStore _store = null!;

    public async Task InitializeAsync()
    {
        await azurite.Emulator.StartAsync();
        _services = FaultyStorage.Services(azurite, _prefix, _crash);
        _store = _services.GetRequiredService<ArticleStore>();
        await _store.EnsureCreatedAsync(default);
    }

    public async Task DisposeAsync()
    {
        await azurite.Emulator.StartAsync();
        await _services.DisposeAsync();
    }

    // The steps of a save, each named by the request that ends it or the one that follows it; a new article has
    // nothing to clean up after its commit.
    private const string RawPageWritten = "raw page written";
    private const string ArticleBlobWritten = "article blob written";
    private const string IntentRecorded = "intent recorded in the point row";
    private const string ListingRowsWritten = "listing rows written";
    private const string Committed = "point row committed";
    private const string StaleRowsDeleted = "stale listing rows deleted";
    private const string StaleBlobsDeleted = "stale blobs deleted";

    public static TheoryData<string> NewArticleSteps => new(RawPageWritten, ArticleBlobWritten, IntentRecorded, ListingRowsWritten, Committed);

    public static TheoryData<string> UpdateSteps => new(RawPageWritten, ArticleBlobWritten, IntentRecorded, ListingRowsWritten, Committed, StaleRowsDeleted, StaleBlobsDeleted);

    private static bool IsCommitted(string step) => step is Committed or StaleRowsDeleted or StaleBlobsDeleted;

    [Theory]
    [MemberData(nameof(NewArticleSteps))]
    public async Task New_article_interrupted_after_a_step_is_completed_by_the_next_save(string step)
    {
        var article = TestArticles.Make("crash-new", category: "Politique");

        await SaveCrashingAfterAsync(step, article, TestArticles.Raw(article));
        await StorageAssert.NoRowNamesAMissingBlobAsync(_store);
        var outcome = await _store.SaveAsync(article, TestArticles.Raw(article), default);

        Assert.Equal(IsCommitted(step) ? SaveOutcome.Unchanged : SaveOutcome.New, outcome);
        await AssertListedOnceEverywhereAsync(article.Id, "politique");
        Assert.Equal(article.Body.Text, (await _store.GetAsync(article.Id, default))!.Body.Text);
        await StorageAssert.CleanAsync(_store);
    }

    [Theory]
    [MemberData(nameof(UpdateSteps))]
    public async Task Update_that_moves_rows_interrupted_after_a_step_is_completed_by_the_next_save(string step)
    {
        var article = TestArticles.Make("crash-update", published: TestArticles.Noon, category: "Politique");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var moved = TestArticles.Moved(article, 2, TestArticles.Noon.AddDays(1), "Économie");

        await SaveCrashingAfterAsync(step, moved, TestArticles.Raw(moved, 2));
        await StorageAssert.NoRowNamesAMissingBlobAsync(_store);
        var outcome = await _store.SaveAsync(moved, TestArticles.Raw(moved, 2), default);

        Assert.Equal(IsCommitted(step) ? SaveOutcome.Unchanged : SaveOutcome.Updated, outcome);
        await AssertListedOnceEverywhereAsync(moved.Id, "economie");
        Assert.Empty((await _store.ListAsync(new ArticleQuery("politique", null, 10, null), false, default)).Items);
        Assert.Equal(moved.Body.Text, (await _store.GetAsync(moved.Id, default))!.Body.Text);
        await StorageAssert.CleanAsync(_store);
    }

    [Fact]
    public async Task Update_interrupted_then_superseded_by_a_third_version_leaves_only_the_third()
    {
        var article = TestArticles.Make("crash-third", published: TestArticles.Noon, category: "Politique");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var second = TestArticles.Moved(article, 2, TestArticles.Noon.AddDays(1), "Économie");
        await SaveCrashingAfterAsync(ListingRowsWritten, second, TestArticles.Raw(second, 2));

        var third = TestArticles.Moved(article, 3, TestArticles.Noon.AddDays(2), "Société");
        Assert.Equal(SaveOutcome.Updated, await _store.SaveAsync(third, TestArticles.Raw(third, 3), default));

        await AssertListedOnceEverywhereAsync(third.Id, "societe");
        Assert.Empty((await _store.ListAsync(new ArticleQuery("economie", null, 10, null), false, default)).Items);
        Assert.Empty((await _store.ListAsync(new ArticleQuery("politique", null, 10, null), false, default)).Items);
        await StorageAssert.CleanAsync(_store);
    }

    [Fact]
    public async Task Storage_down_is_a_request_failure_not_null_or_a_hang()
    {
        // Default retries this time: what the hosts run with.
        await using var services = await azurite.StorageAsync();
        var store = services.GetRequiredService<ArticleStore>();
        var article = TestArticles.Make("down");
        await store.SaveAsync(article, TestArticles.Raw(article), default);

        await azurite.Emulator.StopAsync();

        var get = await Assert.ThrowsAsync<RequestFailedException>(() => store.GetAsync(article.Id, default));
        Assert.Contains("unreachable", get.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RequestFailedException>(() => store.ListAsync(new ArticleQuery(null, null, 10, null), false, default));
        await Assert.ThrowsAsync<RequestFailedException>(() => store.SaveAsync(TestArticles.Edited(article, 2), TestArticles.Raw(article, 2), default));

        await azurite.Emulator.StartAsync();
        Assert.Equal(article.Body.Text, (await store.GetAsync(article.Id, default))!.Body.Text);
    }

    /// <summary>Saves, storage unreachable from the request that ends <paramref name="step"/> or follows it on, as if the process died there.</summary>
    private async Task SaveCrashingAfterAsync(string step, Core.Article article, RawPage raw)
    {
        _crash.Arm(CrashAfter(step, article.Id));
        try
        {
            await _store.SaveAsync(article, raw, default);
        }
        catch (RequestFailedException) when (_crash.Crashed)
        {
            // The crash: what follows the step never ran.
        }
        finally
        {
            _crash.Disarm();
        }
        Assert.True(_crash.Crashed, $"the save never reached '{step}'");
    }

    /// <summary>Where a save of <paramref name="id"/> dies right after <paramref name="step"/>, told from the requests' URIs.</summary>
    private CrashPoint CrashAfter(string step, string id)
    {
        // Path-style URIs: /{account}/{container}/{blob}; /{account}/{table} (insert) or /{account}/{table}(PartitionKey='…',RowKey='…').
        bool IsBlob(Request r, string method, string container) => r.Method.Method == method && Path(r).Contains($"/{_prefix}{container}/", StringComparison.Ordinal);
        bool IsPointRowWrite(Request r) =>
            (r.Method == RequestMethod.Post && Path(r).EndsWith($"/{_prefix}articles", StringComparison.Ordinal))
            || (r.Method == RequestMethod.Put && Path(r).EndsWith($"/{_prefix}articles(PartitionKey='{id}',RowKey='article')", StringComparison.Ordinal));
        return step switch
        {
            RawPageWritten => new(step, r => IsBlob(r, "PUT", "raw"), afterResponse: true),
            ArticleBlobWritten => new(step, r => IsBlob(r, "PUT", "articles"), afterResponse: true),
            IntentRecorded => new(step, IsPointRowWrite, afterResponse: true),
            // Before the commit, the point row's second write: every listing row is written by then.
            ListingRowsWritten => new(step, IsPointRowWrite, afterResponse: false, occurrence: 2),
            Committed => new(step, IsPointRowWrite, afterResponse: true, occurrence: 2),
            // Before the first blob deleted: the stale rows go first, all of them.
            StaleRowsDeleted => new(step, r => IsBlob(r, "DELETE", "raw") || IsBlob(r, "DELETE", "articles"), afterResponse: false),
            // Before the point row's third write, which forgets what was deleted.
            StaleBlobsDeleted => new(step, IsPointRowWrite, afterResponse: false, occurrence: 3),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a step of a save"),
        };
    }

    private static string Path(Request request) => Uri.UnescapeDataString(request.Uri.Path);

    private async Task AssertListedOnceEverywhereAsync(string id, string categorySlug)
    {
        foreach (var query in new[] { new ArticleQuery(null, null, 10, null), new ArticleQuery(null, "lemonde", 10, null), new ArticleQuery(categorySlug, null, 10, null) })
        {
            var page = await _store.ListAsync(query, includeContent: true, default);
            Assert.Equal([id], page.Items.Select(a => a.Id));
        }
    }
}
