using Azure.Storage.Queues;
using Langaj.Core.Scraping;
using Langaj.Integration.Tests.Faults;
using Langaj.Testing;
using Microsoft.Extensions.Options;

namespace Langaj.Integration.Tests.ScaleOut;

/// <summary>
/// Two local hosts on one storage, each with its scheduler and queue worker on (what two <c>serve</c> instances do),
/// share 50 sources through the scrape queue: every source is scraped, by one worker or the other, nothing is lost
/// and nothing is stored twice, even though both schedulers queue every source.
/// </summary>
/// <remarks>An emulator of its own: the test mostly waits on the two workers, so it runs beside the shared collection.</remarks>
public sealed class QueueScaleOutTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int Sources = 50;
    private const int ArticlesPerSource = 2;
    private static readonly string[] Categories = ["Politique", "Sport", "Culture", "Économie", "Monde"];
    private static readonly string[] Workers = ["worker-a", "worker-b"];

    [Fact]
    public async Task Two_workers_share_fifty_sources_with_no_loss_and_no_duplicate()
    {
        var sources = Enumerable.Range(1, Sources).Select(i => FaultSource.Good($"src{i:D2}", ArticlesPerSource, Categories[i % Categories.Length])).ToList();
        await using var site = await FaultSite.StartAsync(sources);
        // Feeds wait until both workers have asked for one (or 20 s pass), so that the first worker up cannot do it all alone.
        var seen = new HashSet<string>();
        var bothWorking = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        site.BeforeFeed = async context =>
        {
            lock (seen)
            {
                seen.Add(Worker(context.Request.Headers.UserAgent.ToString()));
                if (Workers.All(seen.Contains))
                {
                    bothWorking.TrySetResult();
                }
            }
            await Task.WhenAny(bothWorking.Task, Task.Delay(TimeSpan.FromSeconds(20)));
        };
        var sourcesFile = await TestSources.FileAsync(site.SourceEntries());
        await using var first = await StartWorkerAsync(Workers[0], sourcesFile, namePrefix: null);
        await using var second = await StartWorkerAsync(Workers[1], sourcesFile, first.NamePrefix);

        var states = first.Services.GetRequiredService<SourceStateStore>();
        var queue = first.Services.GetRequiredService<QueueServiceClient>()
            .GetQueueClient(first.Services.GetRequiredService<IOptions<StorageOptions>>().Value.Name(ScrapeQueue.QueueName));
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await states.ListAsync(CancellationToken.None)).Count(s => s.LastSuccess is not null) < Sources
            || (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "the two workers did not scrape every source within 120 s");
            await Task.Delay(200);
        }

        // Which worker scraped which source: the User-Agent each worker fetched the source's feed with.
        var byWorker = sources.ToDictionary(
            s => s.Id,
            s => site.Site.RequestsTo($"/s/{s.Id}/feed.xml").Select(r => Worker(r.Header("User-Agent") ?? "")).ToList());
        foreach (var (id, workers) in byWorker)
        {
            output.WriteLine($"  {id}: {string.Join(", ", workers)}");
        }
        var feeds = site.Site.Requests.Where(r => r.Path.EndsWith("/feed.xml", StringComparison.Ordinal)).ToList();
        output.WriteLine($"feeds asked for from {feeds.Min(r => r.Time):HH:mm:ss.fff} to {feeds.Max(r => r.Time):HH:mm:ss.fff}, done at {DateTimeOffset.UtcNow:HH:mm:ss.fff}");
        var runs = byWorker.Values.Sum(w => w.Count);
        var share = Workers.ToDictionary(w => w, w => byWorker.Values.Count(v => v[0] == w));
        output.WriteLine($"sources {Sources}, runs {runs} (a source queued again by the second scheduler after its first run is scraped again), " +
            $"first run by {string.Join(", ", share.Select(s => $"{s.Key} {s.Value}"))}");
        Assert.All(byWorker.Values, workers => Assert.NotEmpty(workers));
        Assert.All(Workers, w => Assert.True(share[w] > 0, $"{w} scraped no source"));

        var store = first.Services.GetRequiredService<ArticleStore>();
        var listed = await FaultySourcesTests.ListedIdsAsync(store);
        var expected = sources.SelectMany(s => Enumerable.Range(1, ArticlesPerSource).Select(n => NewsPages.Id(site.ArticleUrl(s.Id, n)))).Order().ToList();
        output.WriteLine($"articles expected {expected.Count}, stored {listed.Distinct().Count()}, lost {expected.Except(listed).Count()}, duplicates {listed.Count - listed.Distinct().Count()}");
        Assert.Equal(expected, listed.Order());
        await StorageAssert.CleanAsync(store);
        Assert.All(await states.ListAsync(CancellationToken.None), s => Assert.Equal((0, null), (s.Failed, s.LastError)));
    }

    private Task<LocalHost> StartWorkerAsync(string name, FileInfo sourcesFile, string? namePrefix) =>
        LocalHost.StartAsync(
            azurite,
            sourcesFile: sourcesFile,
            settings: NewsPages.FastFetching(new() { ["Fetch:UserAgent"] = $"Langaj-{name}/1.0", ["Scrape:ArticleConcurrency"] = "2" }),
            namePrefix: namePrefix,
            runSchedules: true);

    private static string Worker(string userAgent) => Workers.FirstOrDefault(w => userAgent.Contains(w, StringComparison.Ordinal)) ?? userAgent;
}
