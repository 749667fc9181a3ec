using Langaj.Core;
using Langaj.Core.Sources;

namespace Langaj.Cli.Hosting;

/// <summary>
/// The host of a one-shot verb (<c>scrape</c>, <c>reclean</c>, <c>extract</c>): CLI defaults, logs on standard
/// error so standard output carries only the verb's result, and for storage verbs the local emulator if needed.
/// </summary>
internal sealed class VerbHost(IHost host, AzuriteEmulator? emulator) : IAsyncDisposable
{
    public IServiceProvider Services => host.Services;

    public static HostApplicationBuilder CreateBuilder(FileInfo? sources)
    {
        var builder = Host.CreateApplicationBuilder(LocalServer.CommandLineConfiguration(sources));
        // Feeds are rendered as articles change; without a public URL configured they link to where serve listens by default.
        CliDefaults.AddTo(builder.Configuration, listensAt: new Uri(CliDefaults.Url));
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        return builder;
    }

    /// <summary>A host on storage, with the sources checked and the tables, containers and queues created.</summary>
    public static async Task<VerbHost> StartWithStorageAsync(FileInfo? sources, CancellationToken cancellationToken)
    {
        var builder = CreateBuilder(sources);
        var emulator = await LocalStorage.StartEmulatorIfNeededAsync(builder.Configuration, cancellationToken);
        builder.AddLangajCore();
        var host = new VerbHost(builder.Build(), emulator);
        try
        {
            _ = host.Services.GetRequiredService<ConfiguredSources>();
            await host.Services.EnsureLangajStorageAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        host.Dispose();
        if (emulator is not null)
        {
            await emulator.DisposeAsync();
        }
    }
}
