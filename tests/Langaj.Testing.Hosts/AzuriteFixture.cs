using Langaj.Cli.Hosting;
using Langaj.Core.Storage;
using Langaj.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Langaj.Testing.Hosts;

/// <summary>
/// An Azurite on free ports in a temporary folder, started once for the tests that share it. Test classes
/// isolate themselves with a fresh <see cref="NewNamePrefix"/> (every table, container and queue name starts with it).
/// </summary>
/// <remarks>
/// <para>As a collection fixture (the usual case), one emulator serves the whole run: each test project declares
/// <c>[CollectionDefinition(AzuriteFixture.Collection)] public sealed class AzuriteCollection : AzuriteCollectionDefinition;</c>
/// and its classes take <c>[Collection(AzuriteFixture.Collection)]</c> and an <see cref="AzuriteFixture"/> constructor parameter.
/// Do not stop that shared emulator.</para>
/// <para>Tests that cut storage off, or that mostly wait (on child processes, on many workers), either use it as a class fixture (<c>IClassFixture&lt;AzuriteFixture&gt;</c>: an emulator
/// of the class's own, which runs in parallel with the collection and may be stopped and restarted), or start one with
/// <see cref="StartDedicatedAsync"/>.</para>
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Collection = "Azurite";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "langaj-azurite-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly List<AzuriteEmulator> _dedicated = [];

    public AzuriteFixture()
    {
        Emulator = new AzuriteEmulator(Path.Combine(_root, "shared"), useStandardPorts: false);
    }

    /// <summary>This fixture's emulator: stop it only when the fixture is a class fixture (no other class uses it).</summary>
    public AzuriteEmulator Emulator { get; }

    public string ConnectionString => Emulator.ConnectionString;

    /// <summary>A name prefix no other test uses: lower-case letters and digits, starting with a letter (valid for tables, containers and queues).</summary>
    public static string NewNamePrefix() => "t" + Guid.NewGuid().ToString("N")[..10];

    /// <summary>
    /// Configuration as the hosts read it (<c>ConnectionStrings:Storage</c>, <c>Storage:NamePrefix</c>),
    /// pointing at <paramref name="emulator"/> (default: the shared one), plus any <paramref name="extra"/> keys.
    /// </summary>
    public IConfigurationRoot Configuration(string namePrefix, AzuriteEmulator? emulator = null, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = (emulator ?? Emulator).ConnectionString,
            ["Storage:NamePrefix"] = namePrefix,
        };
        foreach (var (key, value) in extra ?? [])
        {
            values[key] = value;
        }
        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    /// <summary>
    /// Langaj's storage services (<see cref="StorageExtensions.AddLangajStorage"/>) on
    /// <paramref name="emulator"/> (default: this fixture's) under <paramref name="namePrefix"/> (default: a fresh one),
    /// with tables and containers created. <paramref name="extra"/> adds configuration keys (e.g. <c>Storage:MaxRetries</c>).
    /// </summary>
    public async Task<ServiceProvider> StorageAsync(
        string? namePrefix = null, AzuriteEmulator? emulator = null, IEnumerable<KeyValuePair<string, string?>>? extra = null)
    {
        var builder = AreaBuilder.Create(Configuration(namePrefix ?? NewNamePrefix(), emulator, extra));
        builder.Services.AddSingleton(TimeProvider.System);
        var services = builder.AddLangajStorage().Services.BuildServiceProvider();
        await services.GetRequiredService<ArticleStore>().EnsureCreatedAsync(CancellationToken.None);
        await services.GetRequiredService<SourceStateStore>().EnsureCreatedAsync(CancellationToken.None);
        await services.GetRequiredService<SourceLeases>().EnsureCreatedAsync(CancellationToken.None);
        return services;
    }

    /// <summary>A started emulator of its own on free ports and in its own folder, for tests that stop and restart storage; disposed with the fixture if not before.</summary>
    public async Task<AzuriteEmulator> StartDedicatedAsync()
    {
        var emulator = new AzuriteEmulator(Path.Combine(_root, "dedicated-" + Guid.NewGuid().ToString("N")[..8]), useStandardPorts: false);
        lock (_dedicated)
        {
            _dedicated.Add(emulator);
        }
        await emulator.StartAsync();
        return emulator;
    }

    public Task InitializeAsync() => Emulator.StartAsync();

    public async Task DisposeAsync()
    {
        await Emulator.DisposeAsync();
        foreach (var emulator in _dedicated)
        {
            await emulator.DisposeAsync();
        }
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A temporary folder left behind is harmless; failing the run over it would not be.
        }
    }
}

/// <summary>
/// The base of each test project's <c>[CollectionDefinition(AzuriteFixture.Collection)]</c> class
/// (xunit only finds collection definitions in the test assembly itself).
/// </summary>
public abstract class AzuriteCollectionDefinition : ICollectionFixture<AzuriteFixture>;
