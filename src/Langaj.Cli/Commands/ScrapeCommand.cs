using System.CommandLine;
using System.Diagnostics;
using Langaj.Cli.Hosting;
using Langaj.Core;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;

namespace Langaj.Cli.Commands;

/// <summary><c>scrape</c>: one pass over all sources, with progress and a summary; non-zero exit if a source failed.</summary>
internal static class ScrapeCommand
{
    public static Command Create()
    {
        var sources = CommonOptions.Sources();
        var command = new Command("scrape", "Scrape every source once and store what is new or changed.") { sources };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(sources), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? sources, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(LocalServer.CommandLineConfiguration(sources));
        CliDefaults.AddTo(builder.Configuration);
        // Standard output carries the verb's result; every log line goes to standard error.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // Feeds are rendered as they change; without a public URL configured they link to where serve listens by default.
        if (string.IsNullOrEmpty(builder.Configuration["Feeds:PublicBaseUrl"]))
        {
            builder.Configuration["Feeds:PublicBaseUrl"] = ServeCommand.DefaultUrl;
        }
        await using var emulator = await LocalStorage.StartEmulatorIfNeededAsync(builder.Configuration, cancellationToken);
        builder.AddLangajCore();
        using var host = builder.Build();
        _ = host.Services.GetRequiredService<SourceCatalog>();
        await host.Services.EnsureLangajStorageAsync(cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        var progress = new Progress<SourceReport>(report => Console.Error.WriteLine(Describe(report)));
        var result = await host.Services.GetRequiredService<ScrapeRunner>().RunAllAsync(progress, cancellationToken);
        Console.WriteLine(
            $"{result.Sources.Count} sources in {stopwatch.Elapsed.TotalSeconds:0.0} s: found {result.Found}, new {result.New}, " +
            $"updated {result.Updated}, unchanged {result.Unchanged}, not articles {result.NotArticles}, failed {result.Failed}");
        return result.Succeeded ? 0 : 1;
    }

    private static string Describe(SourceReport report) => report switch
    {
        { AlreadyRunning: true } => $"  {report.SourceId}: skipped, another instance is scraping it",
        { Error: not null } => $"✗ {report.SourceId}: {report.Error}",
        _ => $"✓ {report.SourceId}: found {report.Found}, new {report.New}, updated {report.Updated}, unchanged {report.Unchanged}, " +
             $"not articles {report.NotArticles}, failed {report.Failed}",
    };
}
