using System.CommandLine;
using System.Diagnostics;
using Langaj.Cli.Hosting;
using Langaj.Core.Scraping;

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
        await using var host = await VerbHost.StartWithStorageAsync(sources, cancellationToken);

        var stopwatch = Stopwatch.StartNew();
        var progress = new Progress<SourceReport>(report =>
        {
            Console.Error.WriteLine(Describe(report));
            foreach (var problem in report.Problems)
            {
                Console.Error.WriteLine($"    {problem}");
            }
        });
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
