#:project ../../tests/Langaj.Testing.Hosts/Langaj.Testing.Hosts.csproj
// A file-based app defaults to native AOT, which turns off the reflection-based JSON the Azure SDK uses.
#:property PublishAot=false

// The Functions worker through the host fixture (a measurement, not a test), on Azurite, loopback only:
//   dotnet run bench/functions/FunctionsBench.cs -- [WORKER_DIR ...]   (from the repository root; default: the Debug build output)
// For each worker directory: worker process start to the first HTTP 200 of /api/health (median of 3 starts);
// then the latency of GET /api/health through the Functions path (gRPC invocation + forwarded HTTP) against
// the local host for the same route on the same storage (median of 200 after 20 warm-ups).
using System.Diagnostics;
using Langaj.Testing.Hosts;

// A file-based app runs from outside the repository: Azurite's pinned package is found from here.
AppContext.SetData("APP_CONTEXT_BASE_DIRECTORY", Environment.CurrentDirectory);
var workerDirectories = args.Length > 0 ? args : [FunctionsHost.DefaultWorkerDirectory];
await using var azurite = new AzuriteFixture();
await azurite.InitializeAsync();
var storage = azurite.Emulator;
// One source that is never scraped here: both hosts need a catalog, and health lists it.
var sourcesFile = Path.Combine(Path.GetTempPath(), "langaj-functions-bench-sources.json");
await File.WriteAllTextAsync(sourcesFile, """{ "sources": [ { "id": "bench", "name": "Bench", "language": "fr", "feed": { "url": "http://127.0.0.1:1/feed.xml" } } ] }""");
var settings = new Dictionary<string, string>
{
    ["AzureWebJobsStorage"] = storage.ConnectionString,
    ["ConnectionStrings:Storage"] = storage.ConnectionString,
    ["ScrapeSchedule"] = "0 */30 * * * *",
    ["ScrapeQueueName"] = "scrape-requests",
    ["Feeds:PublicBaseUrl"] = "http://127.0.0.1:1/",
    ["Sources:File"] = sourcesFile,
    ["Logging:LogLevel:Default"] = "Warning",
};
const string Route = "/api/health";

foreach (var directory in workerDirectories)
{
    var starts = new List<double>();
    for (var i = 0; i < 3; i++)
    {
        var clock = Stopwatch.StartNew();
        await using var host = await FunctionsHost.StartAsync(settings, directory);
        // Storage is set up in the background once the functions load: health answers 503 until then.
        await host.PollAsync(Route, (status, _) => status == System.Net.HttpStatusCode.OK, TimeSpan.FromSeconds(60));
        starts.Add(clock.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"{directory}: start to first 200 of {Route}: median {Median(starts):F0} ms ({string.Join(", ", starts.Select(s => s.ToString("F0")))})");
}

await using (var functions = await FunctionsHost.StartAsync(settings, workerDirectories[0]))
await using (var local = await LocalHost.StartAsync(azurite, sourcesFile: new FileInfo(sourcesFile), emulator: storage, namePrefix: ""))
{
    var throughFunctions = await Latencies(() => functions.GetAsync(Route));
    var throughLocal = await Latencies(() => local.Client.GetAsync(Route));
    Console.WriteLine($"GET {Route}: Functions path median {Median(throughFunctions):F2} ms, local host median {Median(throughLocal):F2} ms, added {Median(throughFunctions) - Median(throughLocal):F2} ms");
}

static async Task<List<double>> Latencies(Func<Task<HttpResponseMessage>> send)
{
    var times = new List<double>();
    for (var i = 0; i < 220; i++)
    {
        var clock = Stopwatch.StartNew();
        using var response = await send();
        response.EnsureSuccessStatusCode();
        if (i >= 20)
        {
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
    }
    return times;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}
