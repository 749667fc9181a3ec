using System.Diagnostics;
using System.Text.Json;
using Xunit;

namespace Langaj.Testing;

/// <summary>
/// Real feed readers run against rendered feeds: python3-feedparser and newsboat. A missing client
/// fails the test with the command that installs it; a check that silently did not run proves nothing.
/// </summary>
public static class FeedClients
{
    // feedparser is Debian's package, installed for Debian's interpreter, which need not be the
    // python3 found first on PATH.
    private const string DebianPython = "/usr/bin/python3";
    private const string Newsboat = "/usr/bin/newsboat";
    private const string Install = "apt-get update && apt-get install -y python3-feedparser newsboat";

    /// <summary>Parses the feed file named by its argument and prints what a reader would see, as JSON.</summary>
    private const string FeedparserScript = """
import calendar
import json
import sys

import feedparser


def when(parsed):
    return None if parsed is None else calendar.timegm(parsed)


d = feedparser.parse(sys.argv[1])
print(json.dumps({
    "bozo": int(d.bozo),
    "bozo_exception": repr(d.get("bozo_exception")),
    "version": d.version,
    "feed": {
        "title": d.feed.get("title"),
        "language": d.feed.get("language"),
        "links": [{"rel": l.get("rel"), "href": l.get("href")} for l in d.feed.get("links", [])],
    },
    "entries": [{
        "id": e.get("id"),
        "title": e.get("title"),
        "link": e.get("link"),
        "published": when(e.get("published_parsed")),
        "updated": when(e.get("updated_parsed")),
        "content": [c.get("value") for c in e.get("content", [])],
        "summary": e.get("summary"),
        "authors": [a.get("name") for a in e.get("authors", [])],
        "tags": [t.get("term") for t in e.get("tags", [])],
        "enclosures": [{"href": x.get("href"), "type": x.get("type")} for x in e.get("enclosures", [])],
    } for e in d.entries],
}, ensure_ascii=False))
""";

    /// <summary>
    /// What feedparser made of the feed: bozo (0 = well-formed), version, the feed's title, language and
    /// links, and per entry its id, title, link, published/updated (Unix seconds), content, summary,
    /// authors, tags and enclosures.
    /// </summary>
    public static async Task<JsonElement> FeedparserAsync(byte[] feed)
    {
        var file = Path.Combine(Path.GetTempPath(), $"langaj-feed-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, feed);
        try
        {
            var (exit, stdout, stderr) = await RunAsync(DebianPython, ["-c", FeedparserScript, file], null);
            Assert.True(exit == 0, $"feedparser failed (exit {exit}); if it is missing: {Install}\n{stderr}");
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>
    /// Has newsboat fetch one feed non-interactively (<c>-x reload</c>) into a fresh cache, then reads
    /// the item titles it stored, newest first, from that cache (newsboat's own sqlite schema). One
    /// feed per cache: newsboat keys items by guid alone, so twins of one feed would overwrite each other.
    /// </summary>
    public static async Task<List<string>> NewsboatAsync(Uri feed)
    {
        var dir = Directory.CreateTempSubdirectory("langaj-newsboat-").FullName;
        try
        {
            var urls = Path.Combine(dir, "urls");
            var cache = Path.Combine(dir, "cache.db");
            var config = Path.Combine(dir, "config");
            await File.WriteAllLinesAsync(urls, [feed.AbsoluteUri]);
            await File.WriteAllTextAsync(config, "");
            var (exit, _, stderr) = await RunAsync(Newsboat, ["-q", "-u", urls, "-c", cache, "-C", config, "-x", "reload"], dir);
            Assert.True(exit == 0, $"newsboat reload failed (exit {exit}); if it is missing: {Install}\n{stderr}");

            var (queryExit, rows, queryError) = await RunAsync(DebianPython,
                ["-c", "import sqlite3,sys,json; print(json.dumps(sqlite3.connect(sys.argv[1]).execute('select title from rss_item order by pubDate desc').fetchall()))", cache],
                dir);
            Assert.True(queryExit == 0, $"reading newsboat's cache failed: {queryError}");
            return [.. JsonSerializer.Deserialize<string[][]>(rows)!.Select(r => r[0])];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Has newsboat import an OPML file and returns the subscription URLs it wrote.</summary>
    public static async Task<string[]> NewsboatImportOpmlAsync(byte[] opml)
    {
        var dir = Directory.CreateTempSubdirectory("langaj-newsboat-").FullName;
        try
        {
            var file = Path.Combine(dir, "feeds.opml");
            var urls = Path.Combine(dir, "urls");
            await File.WriteAllBytesAsync(file, opml);
            await File.WriteAllTextAsync(urls, "");
            var (exit, stdout, stderr) = await RunAsync(Newsboat, ["-u", urls, "-c", Path.Combine(dir, "cache.db"), "-i", file], dir);
            Assert.True(exit == 0, $"newsboat -i failed (exit {exit}); if it is missing: {Install}\n{stdout}{stderr}");
            return [.. (await File.ReadAllLinesAsync(urls)).Where(l => l.Length > 0)];
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> arguments, string? home)
    {
        Assert.True(File.Exists(program), $"{program} is not installed: {Install}");
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (home is not null)
        {
            // newsboat looks for its config and lock files under $HOME; keep it inside the temp folder.
            start.Environment["HOME"] = home;
            start.Environment["XDG_CONFIG_HOME"] = home;
            start.Environment["XDG_DATA_HOME"] = home;
        }
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
