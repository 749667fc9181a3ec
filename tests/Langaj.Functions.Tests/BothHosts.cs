using Langaj.Cli.Hosting;
using Langaj.Testing;

namespace Langaj.Functions.Tests;

/// <summary>
/// The local host (serving the demo site, which is also the source both hosts scrape) and the Functions
/// worker behind <see cref="FunctionsHost"/>, on one storage account, so both answer from the same data.
/// Storage names carry no prefix: the Functions queue trigger names its queue literally, as in production.
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

    /// <param name="storage">A dedicated emulator for this test: nothing else may use un-prefixed names on it.</param>
    public static async Task<BothHosts> StartAsync(AzuriteFixture azurite, AzuriteEmulator storage, string? workerDirectory = null)
    {
        var local = await LocalHost.StartAsync(azurite, demo: true, emulator: storage, namePrefix: "", settings: SameFeedsAtOnce);
        var sourcesFile = Path.Combine(Path.GetTempPath(), "langaj-functions-sources-" + Guid.NewGuid().ToString("N")[..8] + ".json");
        await File.WriteAllTextAsync(sourcesFile, $$"""
            { "sources": [ { "id": "demo", "name": "Langaj Actu (démo)", "language": "fr",
              "feed": { "url": "{{new Uri(local.BaseUri, "demo/feed.xml")}}" }, "allowPrivateAddresses": true } ] }
            """);
        try
        {
            var functions = await FunctionsHost.StartAsync(AppSettings(storage, local.BaseUri, sourcesFile), workerDirectory);
            return new BothHosts(local, functions, storage, sourcesFile);
        }
        catch
        {
            await local.DisposeAsync();
            File.Delete(sourcesFile);
            throw;
        }
    }

    // Two instances on one account: each serves its in-memory copy of a published feed (and of the sources) until
    // Feeds:RevalidateAfter (Langaj:SourcesRevalidateAfter) passes, so without this one could answer an older one than the other.
    private static readonly Dictionary<string, string?> SameFeedsAtOnce = new()
    {
        ["Feeds:RevalidateAfter"] = "00:00:00",
        ["Langaj:SourcesRevalidateAfter"] = "00:00:00",
    };

    /// <summary>The app settings the Functions app reads (infra/main.bicep sets their deployed values).</summary>
    public static Dictionary<string, string> AppSettings(AzuriteEmulator storage, Uri publicBaseUrl, string sourcesFile) => new()
    {
        ["AzureWebJobsStorage"] = storage.ConnectionString,
        ["ConnectionStrings:Storage"] = storage.ConnectionString,
        ["ScrapeSchedule"] = "0 */30 * * * *",
        ["Feeds:PublicBaseUrl"] = publicBaseUrl.ToString(),
        ["Langaj:Sources"] = sourcesFile,
        ["Feeds:RevalidateAfter"] = SameFeedsAtOnce["Feeds:RevalidateAfter"]!,
        ["Langaj:SourcesRevalidateAfter"] = SameFeedsAtOnce["Langaj:SourcesRevalidateAfter"]!,
        ["Logging:LogLevel:Default"] = "Warning",
    };

    public async ValueTask DisposeAsync()
    {
        await Functions.DisposeAsync();
        await Local.DisposeAsync();
        File.Delete(_sourcesFile);
    }
}
