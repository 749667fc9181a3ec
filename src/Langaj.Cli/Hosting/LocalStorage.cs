using System.Net.Sockets;

namespace Langaj.Cli.Hosting;

/// <summary>
/// Local storage for the CLI: when the connection string is the development default and nothing listens
/// there, the pinned Azurite is started (data in the data folder's <c>azurite/</c>) and stopped, gracefully,
/// when the verb ends.
/// </summary>
/// <remarks>
/// Settings: <c>Langaj:DataFolder</c> (default: <c>.azurite/</c> at the repository root when run from it, else
/// the user's local application data folder, <c>langaj/</c>); <c>Langaj:EmulatorPorts</c>, <c>standard</c>
/// (10000-10002, the default, what <c>UseDevelopmentStorage=true</c> and Storage Explorer expect) or <c>free</c>
/// (ports picked at start, for several emulators side by side).
/// </remarks>
internal static class LocalStorage
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";
    private const string ConnectionStringKey = "ConnectionStrings:Storage";

    public static async Task<AzuriteEmulator?> StartEmulatorIfNeededAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var connectionString = configuration[ConnectionStringKey] ?? DevelopmentStorage;
        var freePorts = string.Equals(configuration["Langaj:EmulatorPorts"], "free", StringComparison.OrdinalIgnoreCase);
        if (!string.Equals(connectionString.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase)
            || (!freePorts && await ListensAsync(10000, cancellationToken)))
        {
            return null;
        }
        var emulator = new AzuriteEmulator(Path.Combine(DataFolder(configuration), "azurite"), useStandardPorts: !freePorts);
        Console.Error.WriteLine($"Starting Azurite (storage emulator) with data in {emulator.DataFolder} ...");
        await emulator.StartAsync(cancellationToken);
        if (freePorts)
        {
            configuration[ConnectionStringKey] = emulator.ConnectionString;
        }
        return emulator;
    }

    /// <summary>Where the CLI keeps what it owns locally: the emulator's data and the operator key.</summary>
    public static string DataFolder(IConfiguration configuration)
    {
        if (configuration["Langaj:DataFolder"] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        return AzuriteEmulator.TryFindPackageRoot(AppContext.BaseDirectory) is { } repository
            ? Path.Combine(repository, ".azurite")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "langaj");
    }

    private static async Task<bool> ListensAsync(int port, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
