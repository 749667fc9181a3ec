using Langaj.Cli.Hosting;
using Langaj.Core;
using Langaj.Core.Scraping;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Langaj.Testing.Hosts;

/// <summary>
/// The real local host (<see cref="LocalServer"/>, what <c>serve</c> runs) on a free loopback port, on the
/// test's Azurite with a name prefix of its own (unless given one to share). Schedules are off unless asked:
/// tests scrape when they choose.
/// </summary>
public sealed class LocalHost : IAsyncDisposable
{
    public const string OperatorKey = "test-operator-key";

    private readonly WebApplication _app;

    private LocalHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri };
    }

    public Uri BaseUri { get; }
    public HttpClient Client { get; }
    public IServiceProvider Services => _app.Services;

    /// <summary>The storage name prefix this host uses (pass it to a second host to share its storage).</summary>
    public string NamePrefix => _app.Configuration["Storage:NamePrefix"]!;

    /// <param name="emulator">A dedicated emulator (tests that cut storage off); the fixture's shared one by default.</param>
    /// <param name="sourcesFile">A sources file, or null with <paramref name="demo"/> to serve and scrape the demo site.</param>
    /// <param name="namePrefix">Another host's <see cref="NamePrefix"/>, for two instances on one storage; a fresh one by default.</param>
    /// <param name="runSchedules">True runs the scheduler and queue worker as <c>serve</c> does.</param>
    public static async Task<LocalHost> StartAsync(
        AzuriteFixture azurite, bool demo = false, FileInfo? sourcesFile = null, IDictionary<string, string?>? settings = null,
        AzuriteEmulator? emulator = null, string? namePrefix = null, bool runSchedules = false)
    {
        var baseUri = new Uri($"http://127.0.0.1:{LoopbackSite.FreePort()}/");
        var overrides = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = (emulator ?? azurite.Emulator).ConnectionString,
            ["Storage:NamePrefix"] = namePrefix ?? AzuriteFixture.NewNamePrefix(),
            ["Operator:Key"] = OperatorKey,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }
        var app = LocalServer.Build(new LocalServerSettings(baseUri.GetLeftPart(UriPartial.Authority), sourcesFile, demo)
        {
            Overrides = overrides,
            RunSchedules = runSchedules,
        });
        await app.Services.EnsureLangajStorageAsync(CancellationToken.None);
        await app.StartAsync();
        return new LocalHost(app, baseUri);
    }

    public Task<ScrapeReport> ScrapeAsync() =>
        Services.GetRequiredService<ScrapeRunner>().RunAllAsync(null, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
