using Langaj.Cli.Hosting;
using Microsoft.Extensions.Configuration;
using Xunit;

namespace Langaj.Testing;

/// <summary>
/// One Azurite on free ports for the whole test run, in a temporary folder. Test classes share it and
/// isolate themselves with a fresh <see cref="NewNamePrefix"/> (every table, container and queue name
/// starts with it); tests that cut storage off start their own emulator with <see cref="StartDedicatedAsync"/>.
/// </summary>
/// <remarks>
/// Use it as a collection fixture: each test project declares
/// <c>[CollectionDefinition(AzuriteFixture.Collection)] public sealed class AzuriteCollection : AzuriteCollectionDefinition;</c>
/// and its classes take <c>[Collection(AzuriteFixture.Collection)]</c> and an <see cref="AzuriteFixture"/> constructor parameter.
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

    /// <summary>The shared emulator: do not stop it (other classes use it), start a dedicated one instead.</summary>
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
