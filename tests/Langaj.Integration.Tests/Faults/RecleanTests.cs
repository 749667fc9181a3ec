using Langaj.Core.Scraping;
using Langaj.Integration.Tests.Cli;
using Langaj.Testing;

namespace Langaj.Integration.Tests.Faults;

/// <summary>
/// <c>reclean</c>, the way back from a bad rule: stored articles are extracted again from their raw pages with the
/// sources' current rules (no site fetched), keep their ids, and their feeds are refreshed.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class RecleanTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string SourceId = "recl";
    private const int Articles = 3;
    private const string Insert = "Le maire a également promis une navette gratuite entre la gare et le centre-ville dès le printemps prochain, a-t-il précisé.";

    [Fact]
    public async Task Reclean_applies_a_changed_rule_to_stored_articles_keeping_ids_and_refreshing_feeds()
    {
        await using var site = await FaultSite.StartAsync(
            [FaultSource.Good(SourceId, Articles, "Culture") with { Aside = $"<div class=\"precision\"><p>{Insert}</p></div>" }]);
        var feedUrl = site.FeedUrl(SourceId);
        var before = await TestSources.FileAsync(TestSources.Feed(SourceId, feedUrl));
        // The host revalidates its in-memory feeds on every request, as it would once Feeds:RevalidateAfter has passed.
        await using var host = await LocalHost.StartAsync(
            azurite, sourcesFile: before, settings: NewsPages.FastFetching(new() { ["Feeds:RevalidateAfter"] = "00:00:00" }));
        Assert.Equal(Articles, (await host.ScrapeAsync()).New);
        var ids = site.ArticleIds(SourceId).Order().ToList();
        Assert.Contains(Insert, await TextAsync(host, ids[0]), StringComparison.Ordinal);
        var pagesFetched = site.Site.Requests.Count;

        // The operator adds a rule that drops the insert, and recleans that source.
        var after = await TestSources.FileAsync(TestSources.Feed(SourceId, feedUrl, removeSelectors: [".precision"]));
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Storage__NamePrefix"] = host.NamePrefix,
        };
        var reclean = await CliProcess.RunAsync(environment, "reclean", "--sources", after.FullName, "--source", SourceId);
        var again = await CliProcess.RunAsync(environment, "reclean", "--sources", after.FullName);
        var unknown = await CliProcess.RunAsync(environment, "reclean", "--sources", after.FullName, "--source", "nope");

        output.WriteLine(reclean.Output + again.Output);
        Assert.True(reclean.ExitCode == 0, reclean.Error + reclean.Output);
        Assert.Contains($"{Articles} articles of {SourceId}: changed {Articles}, unchanged 0, failed 0", reclean.Output, StringComparison.Ordinal);
        Assert.Contains($"{Articles} articles: changed 0, unchanged {Articles}, failed 0", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("nope", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(pagesFetched, site.Site.Requests.Count);

        var listed = await host.Client.GetFromJsonAsync<JsonElement>($"api/articles?source={SourceId}");
        Assert.Equal(ids, listed.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).Order());
        for (var n = 1; n <= Articles; n++)
        {
            var text = await TextAsync(host, NewsPages.Id(site.ArticleUrl(SourceId, n)));
            Assert.DoesNotContain(Insert, text, StringComparison.Ordinal);
            Assert.Contains(NewsPages.Marker(SourceId, n), text, StringComparison.Ordinal);
        }
        // The feeds published at scrape time were published again: the host's copies are stale, and it finds the new blobs.
        foreach (var feed in new[] { $"api/feeds/rss?source={SourceId}", "api/feeds/atom", "api/feeds/json?category=culture" })
        {
            var body = await host.Client.GetStringAsync(feed);
            Assert.DoesNotContain("navette gratuite", body, StringComparison.Ordinal);
            Assert.Contains(NewsPages.Marker(SourceId, 1), body, StringComparison.Ordinal);
        }
        await StorageAssert.CleanAsync(host.Services.GetRequiredService<ArticleStore>());
    }

    [Fact]
    public async Task A_rule_that_finds_nothing_fails_each_article_and_keeps_the_stored_version()
    {
        await using var site = await FaultSite.StartAsync([FaultSource.Good(SourceId, Articles)]);
        await using var host = await site.StartHostAsync(azurite);
        Assert.Equal(Articles, (await host.ScrapeAsync()).New);
        var store = host.Services.GetRequiredService<ArticleStore>();
        var snapshot = await StorageAssert.SnapshotAsync(store);
        await using var broken = await LocalHost.StartAsync(
            azurite,
            sourcesFile: await TestSources.FileAsync(TestSources.Feed(SourceId, site.FeedUrl(SourceId), removeSelectors: ["article"])),
            settings: NewsPages.FastFetching(),
            namePrefix: host.NamePrefix);

        var report = await broken.Services.GetRequiredService<Recleaner>().RunAsync(null, CancellationToken.None);
        Assert.NotNull(report);

        Assert.Equal((Articles, 0, 0, Articles), (report.Articles, report.Changed, report.Unchanged, report.Failed));
        Assert.All(report.Problems, p => Assert.Contains("stored version is kept", p, StringComparison.Ordinal));
        Assert.Equal(snapshot, await StorageAssert.SnapshotAsync(store));
    }

    private static async Task<string> TextAsync(LocalHost host, string id) =>
        (await host.Client.GetFromJsonAsync<JsonElement>($"api/articles/{id}")).GetProperty("text").GetString()!;
}
