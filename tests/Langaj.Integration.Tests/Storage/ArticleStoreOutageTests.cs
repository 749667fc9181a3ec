using Azure;
using Langaj.Core.Storage;
using Langaj.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Langaj.Integration.Tests.Storage;

/// <summary>
/// Storage cut off mid-save (a crash between two steps) or entirely. The class has an emulator of its own
/// (class fixture), which its tests stop and start again.
/// </summary>
public sealed class ArticleStoreOutageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>, IAsyncLifetime
{
    // No retries: a request to a stopped emulator fails at once, like a process that died there.
    private static readonly KeyValuePair<string, string?>[] NoRetries = [new("Storage:MaxRetries", "0")];

    private ServiceProvider _services = null!;
    private ArticleStore _store = null!;

    public async Task InitializeAsync()
    {
        await azurite.Emulator.StartAsync();
        _services = await azurite.StorageAsync(extra: NoRetries);
        _store = _services.GetRequiredService<ArticleStore>();
    }

    public async Task DisposeAsync()
    {
        await azurite.Emulator.StartAsync();
        await _services.DisposeAsync();
    }

    // Step names, as SaveStep is internal to Langaj.Core; a new article has nothing to clean up after its commit.
    public static TheoryData<string> NewArticleSteps =>
        new(Enum.GetNames<SaveStep>().Where(s => Enum.Parse<SaveStep>(s) <= SaveStep.Committed));

    public static TheoryData<string> UpdateSteps => new(Enum.GetNames<SaveStep>());

    [Theory]
    [MemberData(nameof(NewArticleSteps))]
    public async Task New_article_interrupted_after_a_step_is_completed_by_the_next_save(string stepName)
    {
        var step = Enum.Parse<SaveStep>(stepName);
        var article = TestArticles.Make("crash-new", category: "Politique");

        await SaveCrashingAfterAsync(step, article, TestArticles.Raw(article));
        await StorageAssert.NoRowNamesAMissingBlobAsync(_store);
        var outcome = await _store.SaveAsync(article, TestArticles.Raw(article), default);

        Assert.Equal(step < SaveStep.Committed ? SaveOutcome.New : SaveOutcome.Unchanged, outcome);
        await AssertListedOnceEverywhereAsync(article.Id, "politique");
        Assert.Equal(article.Text, (await _store.GetAsync(article.Id, default))!.Text);
        await StorageAssert.CleanAsync(_store);
    }

    [Theory]
    [MemberData(nameof(UpdateSteps))]
    public async Task Update_that_moves_rows_interrupted_after_a_step_is_completed_by_the_next_save(string stepName)
    {
        var step = Enum.Parse<SaveStep>(stepName);
        var article = TestArticles.Make("crash-update", published: TestArticles.Noon, category: "Politique");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var moved = TestArticles.Edited(article, 2) with { Published = TestArticles.Noon.AddDays(1), Category = "Économie" };

        await SaveCrashingAfterAsync(step, moved, TestArticles.Raw(moved, 2));
        await StorageAssert.NoRowNamesAMissingBlobAsync(_store);
        var outcome = await _store.SaveAsync(moved, TestArticles.Raw(moved, 2), default);

        Assert.Equal(step < SaveStep.Committed ? SaveOutcome.Updated : SaveOutcome.Unchanged, outcome);
        await AssertListedOnceEverywhereAsync(moved.Id, "economie");
        Assert.Empty((await _store.ListAsync(new ArticleQuery("politique", null, 10, null), false, default)).Items);
        Assert.Equal(moved.Text, (await _store.GetAsync(moved.Id, default))!.Text);
        await StorageAssert.CleanAsync(_store);
    }

    [Fact]
    public async Task Update_interrupted_then_superseded_by_a_third_version_leaves_only_the_third()
    {
        var article = TestArticles.Make("crash-third", published: TestArticles.Noon, category: "Politique");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var second = TestArticles.Edited(article, 2) with { Published = TestArticles.Noon.AddDays(1), Category = "Économie" };
        await SaveCrashingAfterAsync(SaveStep.ListingRowsWritten, second, TestArticles.Raw(second, 2));

        var third = TestArticles.Edited(article, 3) with { Published = TestArticles.Noon.AddDays(2), Category = "Société" };
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
        Assert.Equal(article.Text, (await store.GetAsync(article.Id, default))!.Text);
    }

    /// <summary>Saves, stopping storage right after <paramref name="step"/> as if the process died there, then restarts storage.</summary>
    private async Task SaveCrashingAfterAsync(SaveStep step, Core.Article article, RawPage raw)
    {
        var crashed = false;
        _store.AfterStep = async current =>
        {
            if (current == step)
            {
                crashed = true;
                await azurite.Emulator.StopAsync();
            }
        };
        try
        {
            await _store.SaveAsync(article, raw, default);
        }
        catch (RequestFailedException) when (crashed)
        {
            // The crash: what follows the step never ran.
        }
        finally
        {
            _store.AfterStep = null;
        }
        Assert.True(crashed, $"the save never reached {step}");
        await azurite.Emulator.StartAsync();
    }

    private async Task AssertListedOnceEverywhereAsync(string id, string categorySlug)
    {
        foreach (var query in new[] { new ArticleQuery(null, null, 10, null), new ArticleQuery(null, "lemonde", 10, null), new ArticleQuery(categorySlug, null, 10, null) })
        {
            var page = await _store.ListAsync(query, includeContent: true, default);
            Assert.Equal([id], page.Items.Select(a => a.Id));
        }
    }
}
