using System.Net;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Langaj.Core.Scraping;
using Langaj.Integration.Tests.Cli;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Integration.Tests.Operator;

/// <summary>
/// A source removed with its articles, and one added from its home page alone, through the local host's operator
/// endpoints, on Azurite: the demo source and a copy of the demo site on a loopback site of its own (other URLs, so
/// other articles).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class SourceRemovalTests(AzuriteFixture azurite)
{
    private const string Copy = "copie";

    [Fact]
    public async Task A_source_removed_with_its_articles_leaves_no_row_blob_or_state_and_its_articles_leave_every_feed()
    {
        await using var site = await CopySiteAsync();
        await using var host = await LocalHost.StartAsync(azurite, demo: true);
        await host.ScrapeAsync();
        await AddCopyAsync(host, site);
        var copyIds = await ArticleIdsAsync(host, $"api/articles?source={Copy}");
        Assert.Equal(4, copyIds.Count);
        Assert.Equal(2, (await FeedItemsAsync(host, "api/feeds/json?category=climat")).Count);

        using var maybe = await SendAsync(host, HttpMethod.Delete, $"api/sources/{Copy}?deleteArticles=maybe");
        using var unknown = await SendAsync(host, HttpMethod.Delete, "api/sources/nope?deleteArticles=true");
        using var removed = await SendAsync(host, HttpMethod.Delete, $"api/sources/{Copy}?deleteArticles=true");
        using var again = await SendAsync(host, HttpMethod.Delete, $"api/sources/{Copy}?deleteArticles=true");

        Assert.Equal(HttpStatusCode.BadRequest, maybe.StatusCode);
        Assert.Equal(["deleteArticles must be true or false."],
            (await maybe.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("deleteArticles").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Unknown source", (await unknown.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        var answer = await removed.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((Copy, 4), (answer.GetProperty("id").GetString(), answer.GetProperty("deletedArticles").GetInt32()));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);

        Assert.Equal(4, (await ArticleIdsAsync(host, "api/articles")).Count);
        Assert.Empty((await ArticleIdsAsync(host, "api/articles")).Intersect(copyIds));
        Assert.Empty((await FeedItemsAsync(host, "api/feeds/json")).Intersect(copyIds));
        Assert.Single(await FeedItemsAsync(host, "api/feeds/json?category=climat"));
        foreach (var id in copyIds)
        {
            using var article = await host.Client.GetAsync($"api/articles/{id}");
            Assert.Equal(HttpStatusCode.NotFound, article.StatusCode);
        }
        await AssertNothingLeftAsync(host, copyIds);
    }

    [Fact]
    public async Task Without_the_flag_a_removed_sources_articles_stay()
    {
        await using var site = await CopySiteAsync();
        await using var host = await LocalHost.StartAsync(azurite, demo: true);
        await AddCopyAsync(host, site);

        using var removed = await SendAsync(host, HttpMethod.Delete, $"api/sources/{Copy}?deleteArticles=false");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(4, (await ArticleIdsAsync(host, "api/articles")).Count);
    }

    public static TheoryData<string> DeletionSteps => new(PointRowWithdrawn, ListingRowsDeleted, ArticleBlobsDeleted, PointRowDeleted);

    [Theory]
    [MemberData(nameof(DeletionSteps))]
    public async Task A_deletion_interrupted_midway_is_finished_by_asking_again_and_no_read_fails_meanwhile(string step)
    {
        await using var site = await CopySiteAsync();
        await using var host = await LocalHost.StartAsync(azurite, demo: true);
        await AddCopyAsync(host, site);
        var copyIds = await ArticleIdsAsync(host, $"api/articles?source={Copy}");

        // Another process deletes the articles and dies right after the step.
        var crash = new StorageCrash();
        await using (var crashing = FaultyStorage.Services(azurite, host.NamePrefix, crash))
        {
            crash.Arm(CrashAfter(step, host.NamePrefix));
            await Assert.ThrowsAnyAsync<Exception>(() => crashing.GetRequiredService<ArticleStore>().DeleteSourceArticlesAsync(Copy, CancellationToken.None));
            Assert.True(crash.Crashed, $"the deletion never reached '{step}'");
        }
        using var list = await host.Client.GetAsync($"api/articles?source={Copy}");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        foreach (var id in copyIds)
        {
            using var article = await host.Client.GetAsync($"api/articles/{id}");
            Assert.True(article.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{id}: {(int)article.StatusCode}");
        }

        using var removed = await SendAsync(host, HttpMethod.Delete, $"api/sources/{Copy}?deleteArticles=true");

        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
        Assert.Empty(await ArticleIdsAsync(host, $"api/articles"));
        await AssertNothingLeftAsync(host, copyIds);
    }

    [Fact]
    public async Task A_source_given_by_its_home_page_alone_is_stored_with_what_discovery_found_or_refused_with_why()
    {
        await using var site = await CopySiteAsync();
        await using var host = await LocalHost.StartAsync(azurite, demo: true);

        using var created = await SendAsync(host, HttpMethod.Put, $"api/sources/{Copy}", SiteEntry(site.BaseUri, allowPrivate: true));
        using var nothing = await SendAsync(host, HttpMethod.Put, "api/sources/vide", SiteEntry(site.Url("/empty/"), allowPrivate: true));
        using var guarded = await SendAsync(host, HttpMethod.Put, "api/sources/garde", SiteEntry(site.BaseUri, allowPrivate: false));
        using var both = await SendAsync(host, HttpMethod.Put, "api/sources/deux",
            $$"""{ "name": "Deux", "language": "fr", "site": { "url": "{{site.BaseUri}}" }, "feed": { "url": "{{site.Url("/rss")}}" } }""");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var status = await created.Content.ReadFromJsonAsync<JsonElement>();
        var discovered = status.GetProperty("discovered");
        Assert.Equal(("feed", site.Url("/rss").AbsoluteUri, "linked from the home page"),
            (discovered.GetProperty("kind").GetString(), discovered.GetProperty("url").GetString(), discovered.GetProperty("foundAt").GetString()));
        Assert.Equal(site.Url("/rss").AbsoluteUri, status.GetProperty("definition").GetProperty("feed").GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, nothing.StatusCode);
        Assert.Equal("application/problem+json", nothing.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith($"no feed or sitemap found from {site.Url("/empty/")}: the home page links to no RSS or Atom feed;",
            (await nothing.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, guarded.StatusCode);
        Assert.Contains("private address", (await guarded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, both.StatusCode);
        Assert.Contains("field \\\"site\\\": give either it or one of feed, sitemap, listing.", await both.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal([Copy, "demo"], (await GetJsonAsync(host, "api/sources")).EnumerateArray().Select(s => s.GetProperty("id").GetString()).Order(StringComparer.Ordinal));
        // Stored as found: a plain feed source, scraped as any other.
        using var replaced = await SendAsync(host, HttpMethod.Put, $"api/sources/{Copy}", SiteEntry(site.BaseUri, allowPrivate: true));
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
    }

    [Fact]
    public async Task Sources_remove_with_delete_articles_through_the_cli_deletes_them_and_says_how_many()
    {
        await using var site = await CopySiteAsync();
        var prefix = AzuriteFixture.NewNamePrefix();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Storage"] = azurite.ConnectionString,
            ["Storage__NamePrefix"] = prefix,
        };
        var added = await CliProcess.RunAsync(environment, "sources", "add", Copy, "--name", "Copie", "--language", "fr", "--site", site.BaseUri.AbsoluteUri, "--allow-private-addresses");
        Assert.True(added.ExitCode == 0, added.Error);
        var scraped = await CliProcess.RunAsync(environment, "scrape");
        Assert.True(scraped.ExitCode == 0, scraped.Error + scraped.Output);

        var removed = await CliProcess.RunAsync(environment, "sources", "remove", Copy, "--delete-articles");
        var again = await CliProcess.RunAsync(environment, "sources", "remove", Copy, "--delete-articles");

        Assert.Equal((0, $"removed {Copy} and its 4 articles"), (removed.ExitCode, removed.Output.Trim()));
        Assert.Equal(2, again.ExitCode);
        Assert.Contains($"No source has the id '{Copy}'", again.Error, StringComparison.Ordinal);
        var articles = new TableServiceClient(azurite.ConnectionString).GetTableClient(prefix + "articles");
        Assert.Empty(await articles.QueryAsync<TableEntity>(e => e.PartitionKey != ArticleIndex.CategoriesPartition).ToListAsync());
        Assert.Empty(await new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient(prefix + "raw").GetBlobsAsync().ToListAsync());
    }

    private const string PointRowWithdrawn = "point row withdrawn";
    private const string ListingRowsDeleted = "listing rows deleted";
    private const string ArticleBlobsDeleted = "article blobs deleted";
    private const string PointRowDeleted = "point row deleted";

    /// <summary>Where a deletion dies right after <paramref name="step"/>, told from the requests' URIs (path-style, as Azurite's).</summary>
    private static CrashPoint CrashAfter(string step, string prefix)
    {
        bool IsPointRow(Request r, RequestMethod method) =>
            r.Method == method && Path(r).Contains($"/{prefix}articles(", StringComparison.Ordinal) && Path(r).EndsWith("RowKey='article')", StringComparison.Ordinal);
        bool IsArticleBlobDelete(Request r) => r.Method == RequestMethod.Delete && Path(r).Contains($"/{prefix}articles/", StringComparison.Ordinal);
        return step switch
        {
            PointRowWithdrawn => new(step, r => IsPointRow(r, RequestMethod.Put), afterResponse: true),
            // Before the first blob deleted: every listing row of that article is gone by then.
            ListingRowsDeleted => new(step, IsArticleBlobDelete, afterResponse: false),
            ArticleBlobsDeleted => new(step, r => IsPointRow(r, RequestMethod.Delete), afterResponse: false),
            PointRowDeleted => new(step, r => IsPointRow(r, RequestMethod.Delete), afterResponse: true),
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not a step of a deletion"),
        };
    }

    private static string Path(Request request) => Uri.UnescapeDataString(request.Uri.Path);

    /// <summary>Of the copy: no index row, no raw page, no cleaned article, no state, no source.</summary>
    private async Task AssertNothingLeftAsync(LocalHost host, IReadOnlyCollection<string> copyIds)
    {
        var tables = new TableServiceClient(azurite.ConnectionString);
        var rows = await tables.GetTableClient(host.NamePrefix + "articles").QueryAsync<TableEntity>().ToListAsync();
        Assert.DoesNotContain(rows, row => row.PartitionKey == ArticleIndex.SourcePartition(Copy) || copyIds.Contains(row.PartitionKey) || copyIds.Contains(row.GetString("Id")));
        var blobs = new BlobServiceClient(azurite.ConnectionString);
        Assert.Empty(await blobs.GetBlobContainerClient(host.NamePrefix + "raw").GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = Copy + "/" }).ToListAsync());
        var cleaned = await blobs.GetBlobContainerClient(host.NamePrefix + "articles").GetBlobsAsync().ToListAsync();
        Assert.DoesNotContain(cleaned, blob => copyIds.Contains(blob.Name.Split('/')[0]));
        Assert.False((await tables.GetTableClient(host.NamePrefix + "sources").GetEntityIfExistsAsync<TableEntity>("source", Copy)).HasValue);
        using var source = await SendAsync(host, HttpMethod.Get, $"api/sources/{Copy}");
        Assert.Equal(HttpStatusCode.NotFound, source.StatusCode);
    }

    /// <summary>The demo site's pages on a site of their own: a home page linking to its feed, and one linking to none.</summary>
    private static Task<LoopbackSite> CopySiteAsync() => LoopbackSite.StartAsync(app =>
    {
        app.MapGet("/", () => Results.Content("""<html><head><link rel="alternate" type="application/rss+xml" href="/rss"></head><body></body></html>""", "text/html"));
        app.MapGet("/empty/", () => Results.Content("<html><head></head><body></body></html>", "text/html"));
        app.MapGet("/rss", (HttpRequest request) => Results.Text(
            File.ReadAllText(System.IO.Path.Combine(CliSupport.DemoSite, "feed.xml")).Replace("{base}", $"{request.Scheme}://{request.Host}", StringComparison.Ordinal),
            "application/rss+xml; charset=utf-8"));
    }, CliSupport.DemoSite);

    /// <summary>Adds the copy from its home page and scrapes it: its four articles stored.</summary>
    private static async Task AddCopyAsync(LocalHost host, LoopbackSite site)
    {
        using var created = await SendAsync(host, HttpMethod.Put, $"api/sources/{Copy}", SiteEntry(site.BaseUri, allowPrivate: true));
        Assert.True(created.StatusCode == HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var scraped = await host.Services.GetRequiredService<ScrapeRunner>().RunSourceAsync(Copy, CancellationToken.None);
        Assert.Equal(4, scraped?.New);
    }

    private static string SiteEntry(Uri home, bool allowPrivate) =>
        $$"""{ "name": "Copie", "language": "fr", "site": { "url": "{{home}}" }, "allowPrivateAddresses": {{(allowPrivate ? "true" : "false")}} }""";

    private static async Task<List<string>> ArticleIdsAsync(LocalHost host, string path) =>
        [.. (await host.Client.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];

    /// <summary>The article ids a JSON Feed lists (each item's id is the article's, as a URN).</summary>
    private static async Task<List<string>> FeedItemsAsync(LocalHost host, string path) =>
        [.. (await host.Client.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!["urn:langaj:article:".Length..])];

    private static async Task<JsonElement> GetJsonAsync(LocalHost host, string path)
    {
        using var response = await SendAsync(host, HttpMethod.Get, path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> SendAsync(LocalHost host, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", LocalHost.OperatorKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await host.Client.SendAsync(request);
    }
}
