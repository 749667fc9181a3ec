using Langaj.Core.Storage;

namespace Langaj.Cli.Hosting;

/// <summary>
/// Local storage for the CLI: when the connection string is the development default and nothing listens
/// there, the pinned Azurite is started (data in the data folder's <c>azurite/</c>, on the ports
/// <see cref="CliDefaults"/> says) and stopped, gracefully, when the verb ends.
/// </summary>
internal static class LocalStorage
{
    private static readonly string ConnectionStringSetting = $"ConnectionStrings:{StorageOptions.ConnectionStringName}";

    public static async Task<AzuriteEmulator?> StartEmulatorIfNeededAsync(IConfiguration configuration, CancellationToken cancellationToken)
    {
        var connectionString = configuration[ConnectionStringSetting] ?? StorageOptions.DevelopmentConnectionString;
        var freePorts = CliDefaults.FreeEmulatorPorts(configuration);
        if (!string.Equals(connectionString.Trim().TrimEnd(';'), StorageOptions.DevelopmentConnectionString, StringComparison.OrdinalIgnoreCase)
            || (!freePorts && await LoopbackPort.AcceptsConnectionsAsync(AzuriteEmulator.StandardBlobPort, cancellationToken)))
        {
            return null;
        }
        var emulator = new AzuriteEmulator(Path.Combine(CliDefaults.DataFolder(configuration), "azurite"), useStandardPorts: !freePorts);
        Console.Error.WriteLine($"Starting Azurite (storage emulator) with data in {emulator.DataFolder} ...");
        await emulator.StartAsync(cancellationToken);
        if (freePorts)
        {
            configuration[ConnectionStringSetting] = emulator.ConnectionString;
        }
        return emulator;
    }
}
