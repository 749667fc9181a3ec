using Xunit;

namespace Langaj.Testing.Hosts;

/// <summary>
/// A local host on the bundled demo site, scraped once, on an emulator of its own: a class fixture for tests that
/// only read, so a class of many cases starts one host instead of one per case, and runs beside the shared collection.
/// </summary>
public sealed class ScrapedDemoHost : IAsyncLifetime
{
    /// <summary>The emulator the host runs on, for a class's tests that start another host beside it (a fresh name prefix each).</summary>
    public AzuriteFixture Azurite { get; } = new();

    public LocalHost Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.InitializeAsync();
        Host = await LocalHost.StartAsync(Azurite, demo: true);
        await Host.ScrapeAsync();
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Azurite.DisposeAsync();
    }
}
