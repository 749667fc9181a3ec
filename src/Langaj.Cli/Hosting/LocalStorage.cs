using System.Net.Sockets;

namespace Langaj.Cli.Hosting;

/// <summary>
/// Local storage for the CLI: when the connection string is the development default and nothing listens
/// there, the repository's pinned Azurite is started (data in <c>.azurite/</c> at the repository root)
/// and stopped when the verb ends.
/// </summary>
internal static class LocalStorage
{
    private const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static async Task<AzuriteEmulator?> StartEmulatorIfNeededAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var connectionString = configuration.GetConnectionString("Storage") ?? DevelopmentStorage;
        if (!string.Equals(connectionString.Trim().TrimEnd(';'), DevelopmentStorage, StringComparison.OrdinalIgnoreCase)
            || await ListensAsync(10000, cancellationToken))
        {
            return null;
        }
        var root = AzuriteEmulator.FindPackageRoot(AppContext.BaseDirectory);
        var emulator = new AzuriteEmulator(Path.Combine(root, ".azurite"), useStandardPorts: true);
        Console.Error.WriteLine($"Starting Azurite (storage emulator) with data in {emulator.DataFolder} ...");
        await emulator.StartAsync(cancellationToken);
        return emulator;
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
