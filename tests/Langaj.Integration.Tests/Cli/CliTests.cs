using System.Diagnostics;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Langaj.Integration.Tests.Cli.CliSupport;

namespace Langaj.Integration.Tests.Cli;

/// <summary>The operator's verbs, run as the real program in its own process.</summary>
/// <remarks>An emulator of its own: these tests mostly wait on child processes, so they run beside the shared collection.</remarks>
public sealed class CliTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly string SeedPage = Path.Combine(CliSupport.DemoSite, "articles", "coree-du-nord-troupes-ukraine.html");

    [Fact]
    public async Task Extract_prints_one_json_line_per_page_with_the_input_and_the_article()
    {
        var result = await CliProcess.RunAsync(null, "extract", SeedPage);

        Assert.Equal(0, result.ExitCode);
        var line = JsonDocument.Parse(Assert.Single(Lines(result.Output))).RootElement;
        Assert.Equal(SeedPage, line.GetProperty("input").GetString());
        Assert.Equal("La Corée du Nord envoie des troupes en Ukraine : une nouvelle étape dans l’alliance avec la Russie", line.GetProperty("title").GetString());
        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "demo", "seed-article.expected.txt"));
        Assert.Equal(expected, line.GetProperty("text").GetString());
        Assert.Equal("Guerre Russie Ukraine", line.GetProperty("category").GetString());
    }

    [Fact]
    public async Task Extract_reads_folders_and_gzip_files_in_order_and_reports_bad_inputs_without_stopping()
    {
        var folder = Directory.CreateTempSubdirectory("langaj-extract-");
        var gz = Path.Combine(folder.FullName, "b-seed.html.gz");
        await using (var file = File.Create(gz))
        await using (var gzip = new System.IO.Compression.GZipStream(file, System.IO.Compression.CompressionLevel.Fastest))
        {
            await gzip.WriteAsync(await File.ReadAllBytesAsync(SeedPage));
        }
        File.Copy(Path.Combine(DemoSite, "articles", "canicule-record-sud.html"), Path.Combine(folder.FullName, "a-canicule.html"));
        var missing = Path.Combine(folder.FullName, "missing.html");

        var result = await CliProcess.RunAsync(null, "extract", folder.FullName, missing);

        Assert.Equal(1, result.ExitCode);
        var lines = Lines(result.Output).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("Canicule", lines[0].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(gz, lines[1].GetProperty("input").GetString());
        Assert.StartsWith("La Corée du Nord", lines[1].GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.Equal(missing, lines[2].GetProperty("input").GetString());
        Assert.Contains("no such file", lines[2].GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Extract_refuses_a_loopback_url_and_names_its_own_flag()
    {
        await using var site = await LoopbackSite.StartAsync(_ => { }, DemoSite);

        var result = await CliProcess.RunAsync(null, "extract", site.Url("articles/canicule-record-sud.html").AbsoluteUri);

        Assert.Equal(1, result.ExitCode);
        var line = JsonDocument.Parse(Assert.Single(Lines(result.Output))).RootElement;
        Assert.Equal("refused: 127.0.0.1 resolves to a private address (127.0.0.1); pass --allow-private-addresses to allow it",
            line.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Scrape_of_a_site_where_nothing_listens_says_connection_refused_in_one_line_per_attempt()
    {
        var port = LoopbackSite.FreePort();
        var sources = await SourcesFileAsync(TestSources.Feed("down", new Uri($"http://127.0.0.1:{port}/feed.xml"), "Down"));

        var result = await CliProcess.RunAsync(StorageEnvironment(), "scrape", "--sources", sources);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"✗ down: could not fetch http://127.0.0.1:{port}/robots.txt: connection refused by 127.0.0.1:{port}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("robots.txt rule", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_reports_progress_and_a_summary_and_a_second_pass_asks_conditionally_and_finds_nothing_new()
    {
        await using var site = await LoopbackSite.StartAsync(_ => { }, DemoSite);
        var sources = await SourcesFileAsync(DemoSource(site));
        var environment = StorageEnvironment();

        var first = await CliProcess.RunAsync(environment, "scrape", "--sources", sources);
        var second = await CliProcess.RunAsync(environment, "scrape", "--sources", sources);

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("✓ demo: found 4, new 4", first.Error, StringComparison.Ordinal);
        Assert.Contains("found 4, new 4, updated 0, unchanged 0", first.Output, StringComparison.Ordinal);
        // The listing is a static file with an ETag: the second pass gets a 304 and has nothing to look at.
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("found 0, new 0, updated 0, unchanged 0, not articles 0, failed articles 0; failed sources 0", second.Output, StringComparison.Ordinal);
        Assert.NotNull(site.RequestsTo("/index.html").Last().Header("If-None-Match"));
        Assert.Single(site.RequestsTo("/articles/canicule-record-sud.html"));
    }

    [Fact]
    public async Task Scrape_exits_non_zero_when_a_source_fails_and_still_scrapes_the_others()
    {
        await using var site = await LoopbackSite.StartAsync(_ => { }, DemoSite);
        var sources = await SourcesFileAsync(TestSources.Feed("gone", site.Url("no-such-feed.xml"), "Gone"), DemoSource(site));

        var result = await CliProcess.RunAsync(StorageEnvironment(), "scrape", "--sources", sources);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("✗ gone: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("404", result.Error, StringComparison.Ordinal);
        Assert.Contains("✓ demo: found 4, new 4", result.Error, StringComparison.Ordinal);
        Assert.Contains("failed sources 1: gone", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scrape_exits_non_zero_when_an_article_answers_404_and_reports_it_in_json()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/listing.html", () => Results.Content(
            """<ul><li class="teaser"><a href="articles/canicule-record-sud.html">ok</a></li><li class="teaser"><a href="articles/gone.html">gone</a></li></ul>""",
            "text/html")), DemoSite);
        var sources = await SourcesFileAsync(DemoSource(site, "listing.html"));

        var result = await CliProcess.RunAsync(StorageEnvironment(), "scrape", "--sources", sources, "--json");

        Assert.Equal(1, result.ExitCode);
        var report = JsonDocument.Parse(result.Output).RootElement;
        Assert.False(report.GetProperty("succeeded").GetBoolean());
        Assert.Equal(1, report.GetProperty("new").GetInt32());
        Assert.Equal(1, report.GetProperty("failedArticles").GetInt32());
        Assert.Empty(report.GetProperty("failedSources").EnumerateArray());
        var problem = Assert.Single(report.GetProperty("sources")[0].GetProperty("problems").EnumerateArray()).GetString();
        Assert.Contains("HTTP 404 Not Found", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_article_keeps_the_listing_validators_and_only_it_is_retried_next_run()
    {
        var flakyServed = false;
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/listing.html", (HttpContext context) =>
            {
                context.Response.Headers.ETag = "\"l1\"";
                return context.Request.Headers.IfNoneMatch == "\"l1\""
                    ? Results.StatusCode(304)
                    : Results.Content(
                        """<ul><li class="teaser"><a href="articles/canicule-record-sud.html">a</a></li><li class="teaser"><a href="flaky.html">b</a></li></ul>""",
                        "text/html");
            });
            // Fails the first time, then serves a real article.
            app.MapGet("/flaky.html", () => flakyServed
                ? Results.File(Path.Combine(DemoSite, "articles", "coree-du-nord-troupes-ukraine.html"), "text/html")
                : Results.StatusCode(500));
        }, DemoSite);
        var sources = await SourcesFileAsync(DemoSource(site, "listing.html"));
        var environment = StorageEnvironment();

        var first = await CliProcess.RunAsync(environment, "scrape", "--sources", sources);
        flakyServed = true;
        var second = await CliProcess.RunAsync(environment, "scrape", "--sources", sources);

        Assert.Equal(1, first.ExitCode);
        Assert.Contains("new 1", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("found 1, new 1", second.Output, StringComparison.Ordinal);
        // Found: the one link retried. The listing was asked conditionally (validators kept), the good article not fetched again.
        Assert.Equal("\"l1\"", site.RequestsTo("/listing.html").Last().Header("If-None-Match"));
        Assert.Single(site.RequestsTo("/articles/canicule-record-sud.html"));
    }

    [Fact]
    public async Task Sources_verbs_add_list_pause_and_remove_sources_in_storage_with_the_files_checks()
    {
        var environment = StorageEnvironment();

        var added = await CliProcess.RunAsync(environment, "sources", "add", "news", "--name", "News", "--language", "fr", "--feed", "https://news.example/feed.xml");
        var invalid = await CliProcess.RunAsync(environment, "sources", "add", "bad", "--language", "fr", "--schedule", "61 * * * *");
        var paused = await CliProcess.RunAsync(environment, "sources", "pause", "news");
        var listed = await CliProcess.RunAsync(environment, "sources", "list", "--json");
        var removed = await CliProcess.RunAsync(environment, "sources", "remove", "news");
        var again = await CliProcess.RunAsync(environment, "sources", "remove", "news");
        var empty = await CliProcess.RunAsync(environment, "sources", "list");

        Assert.Equal((0, "added news: feed https://news.example/feed.xml"), (added.ExitCode, added.Output.Trim()));
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("source \"bad\": field \"name\": required, a non-empty string.", invalid.Error, StringComparison.Ordinal);
        Assert.Contains("source \"bad\": field \"schedule\": \"61 * * * *\": field 1, minute (0-59)", invalid.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", invalid.Error, StringComparison.Ordinal);
        Assert.Equal((0, "paused news"), (paused.ExitCode, paused.Output.Trim()));
        var source = Assert.Single(JsonDocument.Parse(listed.Output).RootElement.EnumerateArray());
        Assert.Equal(("news", true, "https://news.example/feed.xml"),
            (source.GetProperty("id").GetString(), source.GetProperty("paused").GetBoolean(), source.GetProperty("definition").GetProperty("feed").GetProperty("url").GetString()));
        Assert.Equal((0, "removed news"), (removed.ExitCode, removed.Output.Trim()));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("No source has the id 'news'", again.Error, StringComparison.Ordinal);
        Assert.Equal((0, ""), (empty.ExitCode, empty.Output.Trim()));
    }

    [Fact]
    public async Task Sources_add_from_a_home_page_says_what_it_found_or_why_it_found_nothing()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/", () => Results.Content("""<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml"></head><body></body></html>""", "text/html"));
            app.MapGet("/empty/", () => Results.Content("<html><head></head><body></body></html>", "text/html"));
        }, DemoSite);
        var environment = StorageEnvironment();

        var added = await CliProcess.RunAsync(environment, "sources", "add", "demo", "--name", "Démo", "--language", "fr", "--site", site.BaseUri.AbsoluteUri, "--allow-private-addresses");
        var refused = await CliProcess.RunAsync(environment, "sources", "add", "none", "--name", "None", "--language", "fr", "--site", site.Url("/empty/").AbsoluteUri, "--allow-private-addresses");
        var listed = await CliProcess.RunAsync(environment, "sources", "list", "--json");

        Assert.Equal(0, added.ExitCode);
        Assert.Contains($"found feed {site.Url("/feed.xml")} (linked from the home page)", added.Error, StringComparison.Ordinal);
        Assert.Equal($"added demo: feed {site.Url("/feed.xml")}", added.Output.Trim());
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"no feed or sitemap found from {site.Url("/empty/")}: the home page links to no RSS or Atom feed; robots.txt names no sitemap;", refused.Error, StringComparison.Ordinal);
        Assert.Equal(["demo"], JsonDocument.Parse(listed.Output).RootElement.EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_wrong_sources_file_is_refused_with_the_source_and_field_named()
    {
        var sources = (await TestSources.JsonFileAsync("""{ "sources": [ { "id": "x", "name": "X", "language": "fr", "feed": { "url": "feed.xml" } } ] }""")).FullName;

        var result = await CliProcess.RunAsync(StorageEnvironment(), "scrape", "--sources", sources);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("source \"x\" (#1): field \"feed.url\"", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_setting_is_refused_in_one_line_naming_it()
    {
        var environment = StorageEnvironment();
        environment["Storage__MaxRetries"] = "99";

        var result = await CliProcess.RunAsync(environment, "sources", "list");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("Storage:MaxRetries must be from 0 to 10, not 99.", result.Error.Trim());
    }

    [Fact]
    public async Task Serve_on_storage_where_nothing_listens_stops_in_one_line_naming_the_address()
    {
        var port = LoopbackSite.FreePort();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString.Replace($":{azurite.Emulator.BlobPort}/", $":{port}/", StringComparison.Ordinal)
                .Replace($":{azurite.Emulator.TablePort}/", $":{port}/", StringComparison.Ordinal)
                .Replace($":{azurite.Emulator.QueuePort}/", $":{port}/", StringComparison.Ordinal),
            ["Storage__NamePrefix"] = AzuriteFixture.NewNamePrefix(),
            ["Storage__MaxRetries"] = "0",
        };

        var result = await CliProcess.RunAsync(environment, "serve", "--urls", $"http://127.0.0.1:{LoopbackSite.FreePort()}");

        Assert.Equal(3, result.ExitCode);
        var error = Assert.Single(Lines(result.Error), l => l.StartsWith("Storage failed:", StringComparison.Ordinal));
        Assert.Contains($"127.0.0.1:{port}", error, StringComparison.Ordinal);
        Assert.Contains("refused", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_connection_string_is_refused_in_one_line_naming_the_setting()
    {
        var result = await CliProcess.RunAsync(null, "sources", "list", "--storage", "AccountName=langaj;AccountKey");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("ConnectionStrings:Storage is not a storage connection string:", Assert.Single(Lines(result.Error)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_refuses_wrong_settings_of_several_sections_in_a_line_each()
    {
        var environment = StorageEnvironment();
        environment["Scrape__ArticleConcurrency"] = "0";
        environment["Cors__AllowedOrigins__0"] = "https://reader.example/";

        var result = await CliProcess.RunAsync(environment, "serve", "--urls", $"http://127.0.0.1:{LoopbackSite.FreePort()}");

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Trim().Split('\n');
        Assert.Contains(lines, l => l.Contains("Scrape:ArticleConcurrency must be at least 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Cors:AllowedOrigins: 'https://reader.example/'", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_demo_scrapes_the_bundled_site_at_start_and_serves_it()
    {
        var port = LoopbackSite.FreePort();
        using var process = Process.Start(CliProcess.StartInfo(StorageEnvironment(), "serve", "--demo", "--urls", $"http://127.0.0.1:{port}"))!;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            var items = await PollAsync(async () =>
            {
                var list = await client.GetFromJsonAsync<JsonElement>("api/articles");
                return list.GetProperty("items").GetArrayLength() == 4 ? list : (JsonElement?)null;
            });
            Assert.Contains(items.GetProperty("items").EnumerateArray(), i => i.GetProperty("title").GetString()!.StartsWith("La Corée du Nord", StringComparison.Ordinal));
            // Feeds are refreshed once the pass over the source ends, a moment after its articles are listed.
            await PollAsync(async () =>
                (await client.GetStringAsync("api/feeds/rss")).Contains("La Corée du Nord", StringComparison.Ordinal) ? default(JsonElement) : null);
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private Dictionary<string, string> StorageEnvironment() => new()
    {
        ["ConnectionStrings__Storage"] = azurite.ConnectionString,
        ["Storage__NamePrefix"] = AzuriteFixture.NewNamePrefix(),
    };

    private static string[] Lines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
