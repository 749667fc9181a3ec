using Langaj.Cli.Hosting;
using System.CommandLine;
using Langaj.Core;
using Langaj.Core.Scraping;

namespace Langaj.Cli.Commands;

/// <summary><c>extract</c>: pages (files, folders, URLs) in, one article JSON object per line out; no storage.</summary>
internal static class ExtractCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "An .html or .html.gz file, a folder of them, or an http(s) URL.",
            Arity = ArgumentArity.OneOrMore,
        };
        var allowPrivate = new Option<bool>("--allow-private-addresses")
        {
            Description = "Allow URLs on loopback or private networks (refused by default, as for sources).",
        };
        var command = new Command("extract", "Extract articles from pages and print them as JSON Lines.") { paths, allowPrivate };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(paths)!, parse.GetValue(allowPrivate), ct));
        return command;
    }

    private static async Task<int> RunAsync(string[] paths, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        var builder = VerbHost.CreateBuilder(sources: null);
        builder.AddLangajCore();
        using var host = builder.Build();
        var extraction = host.Services.GetRequiredService<PageExtraction>();
        var failed = 0;
        await foreach (var line in extraction.ExtractAsync(paths, allowPrivateAddresses, cancellationToken))
        {
            Console.Out.WriteLine(line.Json);
            failed += line.Succeeded ? 0 : 1;
        }
        return failed == 0 ? 0 : 1;
    }
}
