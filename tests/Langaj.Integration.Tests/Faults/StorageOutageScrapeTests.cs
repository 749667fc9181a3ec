using Langaj.Core.Scraping;

namespace Langaj.Integration.Tests.Faults;

/// <summary>
/// Azurite stopped in the middle of a scrape (saves cut between their steps, later articles refused), started again,
/// and the source scraped again: every article ends up stored exactly once, none is lost, and no row ever names a
/// missing blob.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StorageOutageScrapeTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string SourceId = "depeches";
    private const int Articles = 12;

    [Fact]
    public async Task A_scrape_cut_off_by_a_storage_outage_loses_and_duplicates_nothing_once_scraped_again()
    {
        var emulator = await azurite.StartDedicatedAsync();
        await using var site = await FaultSite.StartAsync([FaultSource.Good(SourceId, Articles)]);
        var outages = 0;
        site.BeforeArticle = async (_, _) =>
        {
            // The fifth article asked for takes storage down while other articles are being saved, keeps it down for a
            // moment (the articles behind it fail on storage), then brings it back before answering.
            if (Interlocked.Increment(ref outages) == 5)
            {
                await emulator.StopAsync();
                await Task.Delay(TimeSpan.FromMilliseconds(300));
                await emulator.StartAsync();
            }
        };
        await using var host = await site.StartHostAsync(
            azurite,
            new()
            {
                // Each storage request fails at once while Azurite is down (the article that restarts it waits a few
                // seconds for it, well within the fetch timeout).
                ["Storage:MaxRetries"] = "0",
                ["Scrape:ArticleConcurrency"] = "4",
            },
            emulator: emulator);
        var runner = host.Services.GetRequiredService<ScrapeRunner>();
        var store = host.Services.GetRequiredService<ArticleStore>();

        var cut = await runner.RunSourceAsync(SourceId, CancellationToken.None);
        await StorageAssert.NoRowNamesAMissingBlobAsync(store);
        var again = await runner.RunSourceAsync(SourceId, CancellationToken.None);
        Assert.NotNull(cut);
        Assert.NotNull(again);

        output.WriteLine($"during the outage: found {cut.Found}, new {cut.New}, failed {cut.Failed}, error {cut.Error ?? "-"}");
        output.WriteLine($"scraped again: found {again.Found}, new {again.New}, unchanged {again.Unchanged}, failed {again.Failed}");
        Assert.True(cut.Failed > 0, "the outage made some articles fail");
        Assert.False(again.AlreadyRunning);
        Assert.Equal((0, null), (again.Failed, again.Error));
        // The second pass accounts for every article: stored now, or already stored (a save the outage interrupted
        // after its commit is one the first pass counted as failed but that is there).
        Assert.Equal(Articles, again.New + again.Unchanged);
        Assert.True(again.Unchanged >= cut.New);

        var expected = site.ArticleIds(SourceId).Order().ToList();
        var listed = await FaultySourcesTests.ListedIdsAsync(store);
        output.WriteLine($"articles lost {expected.Except(listed).Count()}, duplicates {listed.Count - listed.Distinct().Count()}");
        Assert.Equal(expected, listed.Order());
        await StorageAssert.CleanAsync(store);
        for (var n = 1; n <= Articles; n++)
        {
            var article = await host.Client.GetFromJsonAsync<JsonElement>($"api/articles/{NewsPages.Id(site.ArticleUrl(SourceId, n))}");
            Assert.Contains(NewsPages.Marker(SourceId, n), article.GetProperty("text").GetString(), StringComparison.Ordinal);
        }
        var rss = await host.Client.GetStringAsync($"api/feeds/rss?source={SourceId}");
        Assert.All(Enumerable.Range(1, Articles), n => Assert.Contains(NewsPages.Title(SourceId, n), rss, StringComparison.Ordinal));
    }
}
