using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Langaj.Cli.Hosting;

/// <summary>
/// The CLI runs from any folder (the content root is where it was started, so <c>sources.json</c> there is
/// found); its own defaults (log levels) ship beside the program and come first, so any other source wins.
/// </summary>
internal static class CliDefaults
{
    public static void AddTo(IConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
        });
}
