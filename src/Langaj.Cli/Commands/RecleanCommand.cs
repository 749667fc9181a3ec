using System.CommandLine;
using Langaj.Cli.Hosting;
using Langaj.Core.Scraping;

namespace Langaj.Cli.Commands;

/// <summary>
/// <c>reclean</c>: extract the stored articles again from their raw pages with the current rules, keeping their ids;
/// prints how many changed; non-zero exit if an article could not be redone.
/// </summary>
internal static class RecleanCommand
{
    public static Command Create()
    {
        var sources = CommonOptions.Sources();
        var source = new Option<string?>("--source") { Description = "Only this source's articles (its id); every article by default." };
        var command = new Command("reclean", "Extract stored articles again from their raw pages with the sources' current rules.") { sources, source };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(sources), parse.GetValue(source), ct));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo? sources, string? sourceId, CancellationToken cancellationToken)
    {
        await using var host = await VerbHost.StartWithStorageAsync(sources, cancellationToken);

        if (await host.Services.GetRequiredService<Recleaner>().RunAsync(sourceId, cancellationToken) is not { } report)
        {
            Console.Error.WriteLine($"No source has the id '{sourceId}'.");
            return 2;
        }
        foreach (var problem in report.Problems)
        {
            Console.Error.WriteLine($"✗ {problem}");
        }
        Console.WriteLine($"{report.Articles} articles{(sourceId is null ? "" : $" of {sourceId}")}: changed {report.Changed}, unchanged {report.Unchanged}, failed {report.Failed}");
        return report.Failed == 0 ? 0 : 1;
    }
}
