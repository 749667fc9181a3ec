using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using Langaj.Cli.Hosting;
using Langaj.Core.Scraping;

namespace Langaj.Cli.Commands;

/// <summary>
/// <c>scrape</c>: one pass over all sources, with a line per source and a summary (or one JSON object with
/// <c>--json</c>); exit code 0 when everything succeeded, 1 when a source or an article failed.
/// </summary>
internal static class ScrapeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create()
    {
        var sources = CommonOptions.Sources();
        var json = new Option<bool>("--json") { Description = "Print the report as one JSON object on standard output, for scripts." };
        var command = new Command("scrape", "Scrape every source once and store what is new or changed.") { sources, json };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(sources), parse.GetValue(json), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? sources, bool json, CancellationToken cancellationToken)
    {
        await using var host = await VerbHost.StartWithStorageAsync(sources, cancellationToken);
        var runner = host.Services.GetRequiredService<ScrapeRunner>();

        var stopwatch = Stopwatch.StartNew();
        var progress = new SourceLines(runner.Sources.Count);
        var result = await runner.RunAllAsync(progress, cancellationToken);
        progress.Finish();

        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                result.Succeeded,
                Seconds = Math.Round(stopwatch.Elapsed.TotalSeconds, 1),
                result.Found, result.New, result.Updated, result.Unchanged, result.NotArticles,
                FailedArticles = result.Failed,
                FailedSources = result.FailedSources.Select(s => s.SourceId),
                result.Sources,
            }, Json));
        }
        else
        {
            var failedSources = result.FailedSources;
            Console.WriteLine(
                $"{result.Sources.Count} sources in {stopwatch.Elapsed.TotalSeconds:0.0} s: found {result.Found}, new {result.New}, " +
                $"updated {result.Updated}, unchanged {result.Unchanged}, not articles {result.NotArticles}, failed articles {result.Failed}; " +
                $"failed sources {failedSources.Count}{(failedSources.Count == 0 ? "" : ": " + string.Join(", ", failedSources.Select(s => s.SourceId)))}");
        }
        return result.Succeeded ? 0 : 1;
    }

    private static string Describe(SourceReport report) => report switch
    {
        { AlreadyRunning: true } => $"  {report.SourceId}: skipped, another instance is scraping it",
        { Error: not null } => $"✗ {report.SourceId}: {report.Error}",
        _ => $"{(report.Failed == 0 ? "✓" : "✗")} {report.SourceId}: found {report.Found}, new {report.New}, updated {report.Updated}, " +
             $"unchanged {report.Unchanged}, not articles {report.NotArticles}, failed {report.Failed}",
    };

    /// <summary>
    /// A line per source on standard error as each finishes (reported synchronously, so they all come before the
    /// summary); on a terminal only, a live line below them rewritten in place while sources run.
    /// </summary>
    private sealed class SourceLines : IProgress<SourceReport>
    {
        private readonly Lock _gate = new();
        private readonly bool _live = !Console.IsErrorRedirected;
        private readonly int _total;
        private int _done;

        public SourceLines(int total)
        {
            _total = total;
            ShowLive();
        }

        public void Report(SourceReport report)
        {
            lock (_gate)
            {
                ClearLive();
                Console.Error.WriteLine(Describe(report));
                foreach (var problem in report.Problems)
                {
                    Console.Error.WriteLine($"    {problem}");
                }
                _done++;
                ShowLive();
            }
        }

        public void Finish()
        {
            lock (_gate)
            {
                ClearLive();
            }
        }

        private void ShowLive()
        {
            if (_live)
            {
                Console.Error.Write($"… scraping: {_done} of {_total} sources done");
            }
        }

        private void ClearLive()
        {
            if (_live)
            {
                Console.Error.Write("\r\u001b[2K");
            }
        }
    }
}
