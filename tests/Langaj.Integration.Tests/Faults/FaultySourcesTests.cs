using Langaj.Core.Scraping;

namespace Langaj.Integration.Tests.Faults;

/// <summary>
/// One scrape over sources and articles that fail in every way a news site can (errors, throttling, hangs, cut
/// connections, 20 MB bodies, garbage, redirect loops, challenge and empty pages): each failure is contained and
/// reported, the good sources are scraped fully, nothing bad is stored, and a source that breaks keeps what it had.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FaultySourcesTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    // Feeds that fail for good: the source fails, with an error that says why.
    private static readonly (string Id, Fault Fault, string Error)[] BrokenFeeds =
    [
        ("panne", Fault.Always500, "HTTP 500"),
        ("fige", Fault.Hang, "timed out after 3 s"),
        ("coupe", Fault.Truncated, "coupe/feed.xml"),
        ("obese", Fault.Huge, "bytes, the limit"),
        ("annonce", Fault.HugeDeclared, "declares 20971520 bytes"),
        ("bruit", Fault.Garbage, "not a well-formed feed"),
        ("boucle", Fault.RedirectLoop, "redirect"),
        ("defi", Fault.Challenge, "feed"),
        ("vide", Fault.Empty, "not a well-formed feed"),
    ];

    // Article faults of the "mixte" source, in article order, with what the report must say of each bad one;
    // the first and the two transient ones must be stored.
    private static readonly (Fault Fault, string? Problem)[] MixedArticles =
    [
        (Fault.None, null), (Fault.Always500, "HTTP 500"), (Fault.Error500Once, null), (Fault.TooManyRequestsOnce, null),
        (Fault.Hang, "timed out"), (Fault.Truncated, "could not"), (Fault.Huge, "bytes, the limit"), (Fault.HugeDeclared, "declares 20971520 bytes"),
        (Fault.Garbage, "binary"), (Fault.RedirectLoop, "redirect"), (Fault.Challenge, "challenge"), (Fault.Empty, "empty page"),
    ];

    [Fact]
    public async Task Every_fault_is_contained_and_reported_and_only_good_articles_are_stored()
    {
        var sources = new List<FaultSource>
        {
            FaultSource.Good("bon", 3),
            FaultSource.Good("volte", 2, "Sport"),
            FaultSource.Good("hoquet", 3) with { Feed = Fault.Error500Once },
            FaultSource.Good("freine", 2) with { Feed = Fault.TooManyRequestsOnce },
            new("mixte", Fault.None, [.. MixedArticles.Select(a => a.Fault)], "Économie"),
        };
        sources.AddRange(BrokenFeeds.Select(b => FaultSource.Good(b.Id, 2) with { Feed = b.Fault }));
        await using var site = await FaultSite.StartAsync(sources);
        // A hang costs two 3-second attempts; good pages, even stalled by a busy machine, fit in one.
        await using var host = await site.StartHostAsync(
            azurite, new() { ["Fetch:Timeout"] = "00:00:03", ["Fetch:MaxRetries"] = "1", ["Fetch:OverallTimeout"] = "00:00:10" });

        var report = (await host.ScrapeAsync()).Sources.ToDictionary(s => s.SourceId);

        foreach (var (id, _, error) in BrokenFeeds)
        {
            Assert.True(report[id].Error?.Contains(error, StringComparison.Ordinal), $"{id}: expected an error with '{error}', got '{report[id].Error}'");
            Assert.Equal(0, report[id].New);
        }
        Assert.Equal((3, 3, null), (report["bon"].Found, report["bon"].New, report["bon"].Error));
        Assert.Equal((3, 3, null), (report["hoquet"].Found, report["hoquet"].New, report["hoquet"].Error));
        Assert.Equal((2, 2, null), (report["freine"].Found, report["freine"].New, report["freine"].Error));
        var mixed = report["mixte"];
        Assert.Null(mixed.Error);
        Assert.Equal((12, 3, 3, 6), (mixed.Found, mixed.New, mixed.NotArticles, mixed.Failed));
        for (var n = 1; n <= MixedArticles.Length; n++)
        {
            var url = site.ArticleUrl("mixte", n) + ": ";
            var problem = mixed.Problems.SingleOrDefault(p => p.StartsWith(url, StringComparison.Ordinal));
            if (MixedArticles[n - 1].Problem is { } expectedProblem)
            {
                Assert.True(problem?.Contains(expectedProblem, StringComparison.Ordinal), $"article {n}: expected '{expectedProblem}', got '{problem}'");
            }
            else
            {
                Assert.Null(problem);
            }
        }

        // Exactly the good articles are stored, once each, and nothing is left half-written.
        var expected = new List<Uri>();
        expected.AddRange(Enumerable.Range(1, 3).Select(n => site.ArticleUrl("bon", n)));
        expected.AddRange(Enumerable.Range(1, 2).Select(n => site.ArticleUrl("volte", n)));
        expected.AddRange(Enumerable.Range(1, 3).Select(n => site.ArticleUrl("hoquet", n)));
        expected.AddRange(Enumerable.Range(1, 2).Select(n => site.ArticleUrl("freine", n)));
        expected.AddRange(new[] { 1, 3, 4 }.Select(n => site.ArticleUrl("mixte", n)));
        var store = host.Services.GetRequiredService<ArticleStore>();
        var listed = await ListedIdsAsync(store);
        Assert.Equal(expected.Select(NewsPages.Id).Order(), listed.Order());
        await StorageAssert.CleanAsync(store);

        // Health names each failing source with its last error, and only those.
        var health = await host.Client.GetFromJsonAsync<JsonElement>("api/health");
        Assert.Equal("degraded", health.GetProperty("status").GetString());
        var byId = health.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        foreach (var (id, _, error) in BrokenFeeds)
        {
            Assert.True(byId[id].GetProperty("failing").GetBoolean(), id);
            Assert.Contains(error, byId[id].GetProperty("lastError").GetString(), StringComparison.Ordinal);
        }
        foreach (var id in new[] { "bon", "volte", "hoquet", "freine", "mixte" })
        {
            Assert.False(byId[id].GetProperty("failing").GetBoolean(), id);
        }
        Assert.Equal(6, byId["mixte"].GetProperty("failed").GetInt32());

        // A source that breaks after a good run keeps its articles and feeds, and says it is failing.
        var feedBefore = await host.Client.GetStringAsync("api/feeds/rss?source=volte");
        site.Set(FaultSource.Good("volte", 2, "Sport") with { Feed = Fault.Always500 });
        var broken = await host.Services.GetRequiredService<ScrapeRunner>().RunSourceAsync("volte", CancellationToken.None);

        Assert.NotNull(broken);
        Assert.Contains("HTTP 500", broken.Error, StringComparison.Ordinal);
        var kept = await host.Client.GetFromJsonAsync<JsonElement>("api/articles?source=volte");
        Assert.Equal(2, kept.GetProperty("items").GetArrayLength());
        var feedAfter = await host.Client.GetStringAsync("api/feeds/rss?source=volte");
        Assert.Equal(feedBefore, feedAfter);
        Assert.Contains(NewsPages.Title("volte", 2), feedAfter, StringComparison.Ordinal);
        var volte = (await host.Client.GetFromJsonAsync<JsonElement>("api/health")).GetProperty("sources").EnumerateArray().Single(s => s.GetProperty("id").GetString() == "volte");
        Assert.True(volte.GetProperty("failing").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, volte.GetProperty("lastSuccess").ValueKind);
        Assert.Contains("HTTP 500", volte.GetProperty("lastError").GetString(), StringComparison.Ordinal);

        var injected = site.Injected;
        var lost = expected.Select(NewsPages.Id).Except(listed).Count();
        var duplicates = listed.Count - listed.Distinct().Count();
        output.WriteLine($"faults injected: {injected.Values.Sum()} ({string.Join(", ", injected.OrderBy(i => i.Key).Select(i => $"{i.Key} {i.Value}"))})");
        output.WriteLine($"articles expected {expected.Count}, stored {listed.Distinct().Count()}, lost {lost}, duplicates {duplicates}, bad articles stored {listed.Except(expected.Select(NewsPages.Id)).Count()}");
        foreach (var source in report.Values.OrderBy(s => s.SourceId, StringComparer.Ordinal))
        {
            output.WriteLine($"  {source.SourceId}: found {source.Found}, new {source.New}, not articles {source.NotArticles}, failed {source.Failed}, error {source.Error ?? "-"}");
            foreach (var problem in source.Problems)
            {
                output.WriteLine($"    {problem}");
            }
        }
        // Every kind of fault was really served, so every kind was really survived.
        Assert.All(Enum.GetValues<Fault>().Where(f => f != Fault.None), f => Assert.True(injected.GetValueOrDefault(f) > 0, $"{f} was never injected"));
    }

    /// <summary>The ids in the "all" listing, one entry per listing row (so a duplicate shows twice).</summary>
    internal static async Task<List<string>> ListedIdsAsync(ArticleStore store) =>
        [.. (await StorageAssert.AllRowsAsync(store)).Where(r => r.PartitionKey == "all").Select(r => r.GetString("Id")!)];
}
