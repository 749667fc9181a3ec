using Langaj.Cli.Hosting;
using Langaj.Testing;
using Langaj.Testing.Hosts;

namespace Langaj.Functions.Tests;

/// <summary>
/// The local host (serving the demo site, which is also the source both hosts scrape) and the Functions
/// worker behind <see cref="FunctionsHost"/>, on one storage account, so both answer from the same data.
/// Storage names carry no prefix unless asked (production has none); with one, both hosts and the queue
/// trigger's <c>ScrapeQueueName</c> carry it.
/// </summary>
public sealed class BothHosts : IAsyncDisposable
{
    private readonly string _sourcesFile;

    private BothHosts(LocalHost local, FunctionsHost functions, AzuriteEmulator storage, string sourcesFile)
    {
        Local = local;
        Functions = functions;
        Storage = storage;
        _sourcesFile = sourcesFile;
    }

    public LocalHost Local { get; }
    public FunctionsHost Functions { get; }
    public AzuriteEmulator Storage { get; }

    /// <param name="storage">The shared emulator with a <paramref name="namePrefix"/>; by default, a dedicated one for this test
    /// (nothing else may use un-prefixed names on it).</param>
    /// <param name="workerSettings">App settings the worker gets beside <see cref="AppSettings"/>.</param>
    public static async Task<BothHosts> StartAsync(AzuriteFixture azurite, AzuriteEmulator? storage = null, string namePrefix = "",
        IReadOnlyDictionary<string, string>? workerSettings = null)
    {
        storage ??= await azurite.StartDedicatedAsync();
        var local = await LocalHost.StartAsync(azurite, demo: true, emulator: storage, namePrefix: namePrefix, settings: SameFeedsAtOnce);
        // Its one source, demo, is the demo site's feed as the local host serves it.
        var sourcesFile = (await TestSources.FileAsync(TestSources.Feed("demo", new Uri(local.BaseUri, "demo/feed.xml"), "Langaj Actu (démo)"))).FullName;
        FunctionsHost functions;
        try
        {
            var settings = AppSettings(storage, local.BaseUri, sourcesFile, namePrefix);
            foreach (var (key, value) in workerSettings ?? new Dictionary<string, string>())
            {
                settings[key] = value;
            }
            functions = await FunctionsHost.StartAsync(settings);
        }
        catch
        {
            await local.DisposeAsync();
            File.Delete(sourcesFile);
            throw;
        }
        var hosts = new BothHosts(local, functions, storage, sourcesFile);
        try
        {
            // The worker creates storage in the background after it loads its functions: wait for it, as a
            // platform's health probe does before it routes traffic to a new instance.
            await functions.PollAsync("/api/health", (status, _) => status == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60));
            return hosts;
        }
        catch
        {
            await hosts.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// App settings for the worker alone, with no local host: its one source, <c>demo</c>, reads a feed where nothing
    /// listens, and nothing here scrapes it; it only has to be valid.
    /// </summary>
    public static Dictionary<string, string> WorkerAloneSettings(AzuriteEmulator storage, string namePrefix = "") =>
        AppSettings(storage, new Uri("http://127.0.0.1:7071/"), Path.Combine(AppContext.BaseDirectory, "testdata", "unscraped-sources.json"), namePrefix);

    /// <summary>Starts the worker with settings it must refuse: it exits at start, and this returns what it said.</summary>
    public static async Task<string> RefusedStartAsync(Dictionary<string, string> settings)
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHost.StartAsync(settings));
        Assert.Contains("the worker exited", refused.Message, StringComparison.Ordinal);
        return refused.Message;
    }

    // Two instances on one account: each serves its in-memory copy of a published feed (and of the sources) until
    // Feeds:RevalidateAfter (Sources:RevalidateAfter) passes, so without this one could answer an older one than the other.
    private static readonly Dictionary<string, string?> SameFeedsAtOnce = new()
    {
        ["Feeds:RevalidateAfter"] = "00:00:00",
        ["Sources:RevalidateAfter"] = "00:00:00",
    };

    /// <summary>The app settings the Functions app reads (infra/main.bicep sets their deployed values).</summary>
    public static Dictionary<string, string> AppSettings(AzuriteEmulator storage, Uri publicBaseUrl, string sourcesFile, string namePrefix = "") => new()
    {
        ["AzureWebJobsStorage"] = storage.ConnectionString,
        ["ConnectionStrings:Storage"] = storage.ConnectionString,
        ["Storage:NamePrefix"] = namePrefix,
        ["ScrapeSchedule"] = "0 */30 * * * *",
        ["ScrapeQueueName"] = namePrefix + Core.Scraping.ScrapeQueue.QueueName,
        ["Feeds:PublicBaseUrl"] = publicBaseUrl.ToString(),
        ["Sources:File"] = sourcesFile,
        ["Feeds:RevalidateAfter"] = SameFeedsAtOnce["Feeds:RevalidateAfter"]!,
        ["Sources:RevalidateAfter"] = SameFeedsAtOnce["Sources:RevalidateAfter"]!,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public async ValueTask DisposeAsync()
    {
        await Functions.DisposeAsync();
        await Local.DisposeAsync();
        File.Delete(_sourcesFile);
    }
}
