using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Langaj.Cli.Hosting;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;

namespace Langaj.Cli.Commands;

/// <summary>
/// <c>sources list|add|remove|pause|resume</c>: the sources in storage, changed as the operator endpoints change them
/// (same checks, same messages, the same <see cref="SourceIntake"/> and <see cref="SourceRemoval"/>); <c>add --site URL</c>
/// finds the feed or sitemap from a home page. Exit code 2 for an invalid entry, a site where neither is found, or an unknown id.
/// </summary>
internal static class SourcesCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static Command Create() => new("sources", "List, add or replace, remove, pause and resume the sources in storage.")
    {
        List(), Add(), Remove(), SetPaused("pause", paused: true), SetPaused("resume", paused: false),
    };

    private static Command List()
    {
        var sources = CommonOptions.Sources();
        var json = new Option<bool>("--json") { Description = "Print the sources and their state as JSON, for scripts." };
        var command = new Command("list", "Every source with its state: paused, run, last run, last error.") { sources, json };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await VerbHost.StartWithStorageAsync(parse.GetValue(sources), ct);
            var statuses = await host.Services.GetRequiredService<SourceStatuses>().ListAsync(ct);
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(statuses, Json)
                : string.Join(Environment.NewLine, statuses.Select(Describe)));
            return 0;
        });
        return command;
    }

    private static Command Add()
    {
        var sources = CommonOptions.Sources();
        var id = new Argument<string>("id") { Description = "The source's id: lower-case letters, digits and hyphens." };
        var name = new Option<string?>("--name") { Description = "The source's name, as feeds title it." };
        var language = new Option<string?>("--language") { Description = "Its language tag, e.g. fr." };
        var feed = new Option<string?>("--feed") { Description = "The URL of its RSS or Atom feed." };
        var sitemap = new Option<string?>("--sitemap") { Description = "The URL of its sitemap." };
        var listing = new Option<string?>("--listing") { Description = "The URL of a page that links to its articles (with --link-selector)." };
        var site = new Option<string?>("--site") { Description = "The site's home page: its feed, else its sitemap, is found from there." };
        var linkSelector = new Option<string?>("--link-selector") { Description = "CSS selector of the article links on the --listing page." };
        var contentSelector = new Option<string?>("--content-selector") { Description = "CSS selector of the article body, when extraction needs help." };
        var schedule = new Option<string?>("--schedule") { Description = "Cron schedule (5 fields, UTC); every 15 minutes by default." };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA time zone of dates the pages give without an offset." };
        var allowPrivate = new Option<bool>("--allow-private-addresses") { Description = "Allow fetching from loopback and private networks." };
        var command = new Command("add", "Add a source, or replace the one with that id (checked as sources.json is).")
        {
            sources, id, name, language, site, feed, sitemap, listing, linkSelector, contentSelector, schedule, timeZone, allowPrivate,
        };
        command.SetAction(async (parse, ct) =>
        {
            // Built as a sources.json entry, so it is checked by the file's own rules and messages.
            var entry = new JsonObject { ["name"] = parse.GetValue(name), ["language"] = parse.GetValue(language) };
            foreach (var (field, option) in new[] { ("feed", feed), ("sitemap", sitemap), ("listing", listing) })
            {
                if (parse.GetValue(option) is { } url)
                {
                    entry[field] = field == "listing" ? new JsonObject { ["url"] = url, ["linkSelector"] = parse.GetValue(linkSelector) } : new JsonObject { ["url"] = url };
                }
            }
            entry["contentSelector"] = parse.GetValue(contentSelector);
            entry["schedule"] = parse.GetValue(schedule);
            entry["timeZone"] = parse.GetValue(timeZone);
            entry["allowPrivateAddresses"] = parse.GetValue(allowPrivate);
            if (parse.GetValue(site) is { } siteUrl)
            {
                entry[SourceIntake.SiteField] = new JsonObject { ["url"] = siteUrl };
            }
            await using var host = await VerbHost.StartWithStorageAsync(parse.GetValue(sources), ct);
            var result = await host.Services.GetRequiredService<SourceIntake>().PutAsync(JsonSerializer.SerializeToElement(entry), parse.GetValue(id)!, ct);
            switch (result)
            {
                case SourcePutResult.Stored { Source: var source } stored:
                    if (stored.Found is { } found)
                    {
                        Console.Error.WriteLine($"found {found.Kind.ToString().ToLowerInvariant()} {found.Url} ({found.FoundAt})");
                    }
                    Console.WriteLine($"{(stored.Created ? "added" : "replaced")} {source.Id}: {source.Discovery.ToString().ToLowerInvariant()} {source.DiscoveryUrl}");
                    return 0;
                case SourcePutResult.Invalid invalid:
                    // Answered as a wrong sources file is (exit code 2, the problems listed).
                    throw SourcesFileException.InvalidEntry(invalid.Problems);
                case SourcePutResult.NotDiscovered notDiscovered:
                    Console.Error.WriteLine(notDiscovered.Reason);
                    return 2;
                default:
                    throw new InvalidOperationException("Every outcome of a put is answered.");
            }
        });
        return command;
    }

    private static Command Remove()
    {
        var sources = CommonOptions.Sources();
        var id = new Argument<string>("id") { Description = "The source's id." };
        var deleteArticles = new Option<bool>("--delete-articles") { Description = "Delete its articles too, and render the feeds again without them." };
        var command = new Command("remove", "Remove a source; its articles stay unless --delete-articles (sources.json adds its own entries back at the next start).")
        {
            sources, id, deleteArticles,
        };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await VerbHost.StartWithStorageAsync(parse.GetValue(sources), ct);
            var sourceId = parse.GetValue(id)!;
            var withArticles = parse.GetValue(deleteArticles);
            var result = await host.Services.GetRequiredService<SourceRemoval>().RemoveAsync(sourceId, withArticles, ct);
            if (result.Outcome == RemovalOutcome.ScrapeRunning)
            {
                Console.Error.WriteLine($"Source '{sourceId}' is being scraped; remove it once the run ends.");
                return 1;
            }
            return Report(result.Outcome == RemovalOutcome.Removed, sourceId, withArticles ? $"removed {sourceId} and its {result.DeletedArticles} articles" : $"removed {sourceId}");
        });
        return command;
    }

    private static Command SetPaused(string verb, bool paused)
    {
        var sources = CommonOptions.Sources();
        var id = new Argument<string>("id") { Description = "The source's id." };
        var command = new Command(verb, paused ? "Stop scraping a source on its schedule; its feeds stay." : "Scrape a paused source on its schedule again.") { sources, id };
        command.SetAction(async (parse, ct) =>
        {
            await using var host = await VerbHost.StartWithStorageAsync(parse.GetValue(sources), ct);
            var sourceId = parse.GetValue(id)!;
            return Report(SourcesFile.IsValidId(sourceId) && await host.Services.GetRequiredService<SourceCatalog>().SetPausedAsync(sourceId, paused, ct), sourceId, $"{(paused ? "paused" : "resumed")} {sourceId}");
        });
        return command;
    }

    private static int Report(bool found, string id, string done)
    {
        if (!found)
        {
            Console.Error.WriteLine($"No source has the id '{id}' (see: langaj sources list).");
            return 2;
        }
        Console.WriteLine(done);
        return 0;
    }

    private static string Describe(SourceStatus s) =>
        $"{s.Id}\t{(s.Paused ? "paused" : "active")}\t{s.Run}\tlast run {s.LastRun?.ToString("u") ?? "never"}" +
        (s.LastError is not null && s.LastErrorAt >= s.LastSuccess.GetValueOrDefault() ? $"\tfailing: {s.LastError}" : "") +
        $"\t{s.Name}";
}
