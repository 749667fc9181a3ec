using System.CommandLine;
using Langaj.Cli.Hosting;
using Langaj.Core;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;

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
        var builder = Host.CreateApplicationBuilder(LocalServer.CommandLineConfiguration(sources));
        CliDefaults.AddTo(builder.Configuration);
        // Standard output carries the verb's result; every log line goes to standard error.
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        // Changed articles refresh their feeds; without a public URL configured they link to where serve listens by default.
        if (string.IsNullOrEmpty(builder.Configuration["Feeds:PublicBaseUrl"]))
        {
            builder.Configuration["Feeds:PublicBaseUrl"] = ServeCommand.DefaultUrl;
        }
        await using var emulator = await LocalStorage.StartEmulatorIfNeededAsync(builder.Configuration, cancellationToken);
        builder.AddLangajCore();
        using var host = builder.Build();
        _ = host.Services.GetRequiredService<SourceCatalog>();
        await host.Services.EnsureLangajStorageAsync(cancellationToken);

        RecleanReport report;
        try
        {
            report = await host.Services.GetRequiredService<Recleaner>().RunAsync(sourceId, cancellationToken);
        }
        catch (KeyNotFoundException e)
        {
            Console.Error.WriteLine(e.Message);
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
