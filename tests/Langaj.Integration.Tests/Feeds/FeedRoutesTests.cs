using System.Net;
using System.Net.Http.Headers;
using System.Xml.Linq;
using Azure.Storage.Blobs;
using Langaj.Core.Feeds;
using Langaj.Testing;

namespace Langaj.Integration.Tests.Feeds;

/// <summary>The feed routes of the real local host on Azurite, as readers and caches use them.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FeedRoutesTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const int AlphaCount = 17;
    private const int BetaCount = 8;

    private LocalHost _host = null!;
    private FileInfo _sources = null!;
    private List<string> _newestFirst = null!;

    public async Task InitializeAsync()
    {
        _sources = await TestSources.FileAsync(
            TestSources.Feed(FeedInstance.Alpha.Id, FeedInstance.Alpha.DiscoveryUrl, FeedInstance.Alpha.Name),
            TestSources.Feed(FeedInstance.Beta.Id, FeedInstance.Beta.DiscoveryUrl, FeedInstance.Beta.Name));
        _host = await LocalHost.StartAsync(azurite, sourcesFile: _sources);

        // Stored as a scrape would: alpha's in Politique, beta's in Économie, interleaved in time.
        var store = _host.Services.GetRequiredService<ArticleStore>();
        var articles = Enumerable.Range(1, AlphaCount).Select(n => FeedInstance.Article(n))
            .Concat(Enumerable.Range(100, BetaCount).Select(n =>
            {
                var beta = FeedInstance.Article(n, FeedInstance.Beta, "Économie");
                return beta with { Metadata = beta.Metadata with { Published = FeedInstance.Article(n - 95).Metadata.Published!.Value.AddMinutes(30) } };
            }))
            .ToList();
        foreach (var article in articles)
        {
            await store.SaveAsync(article, new RawPage([1], "text/html", new Uri(article.Url), DateTimeOffset.UnixEpoch), default);
        }
        _newestFirst = [.. articles.OrderByDescending(a => a.Metadata.Published).Select(a => "urn:langaj:article:" + a.Id)];
        await _host.Services.GetRequiredService<FeedService>().RefreshAsync(["alpha", "beta"], ["Politique", "Économie"], default);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _sources.Delete();
    }

    [Theory]
    [InlineData("api/feeds/rss", "application/rss+xml; charset=utf-8")]
    [InlineData("api/feeds/atom", "application/atom+xml; charset=utf-8")]
    [InlineData("api/feeds/json", "application/feed+json; charset=utf-8")]
    [InlineData("api/feeds.opml", "text/x-opml; charset=utf-8")]
    public async Task Each_route_answers_with_its_type_and_validators_and_304_on_either_validator(string url, string contentType)
    {
        using var response = await _host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(contentType, response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("public, max-age=300", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        var etag = response.Headers.ETag!;
        var lastModified = response.Content.Headers.LastModified!.Value;

        using var byTag = new HttpRequestMessage(HttpMethod.Get, url);
        byTag.Headers.IfNoneMatch.Add(etag);
        using var notModifiedByTag = await _host.Client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedByTag.StatusCode);
        Assert.Empty(await notModifiedByTag.Content.ReadAsByteArrayAsync());

        using var byDate = new HttpRequestMessage(HttpMethod.Get, url);
        byDate.Headers.IfModifiedSince = lastModified;
        using var notModifiedByDate = await _host.Client.SendAsync(byDate);
        Assert.Equal(HttpStatusCode.NotModified, notModifiedByDate.StatusCode);

        using var stale = new HttpRequestMessage(HttpMethod.Get, url);
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0000\""));
        using var modified = await _host.Client.SendAsync(stale);
        Assert.Equal(HttpStatusCode.OK, modified.StatusCode);
    }

    [Fact]
    public async Task The_etag_changes_when_an_article_changes_and_the_old_one_no_longer_matches()
    {
        using var before = await _host.Client.GetAsync("api/feeds/atom?source=alpha");
        var store = _host.Services.GetRequiredService<ArticleStore>();
        var edited = FeedInstance.Article(AlphaCount, version: 2);
        Assert.Equal(SaveOutcome.Updated, await store.SaveAsync(edited, new RawPage([2], "text/html", new Uri(edited.Url), DateTimeOffset.UnixEpoch), default));
        await _host.Services.GetRequiredService<FeedService>().RefreshAsync(["alpha"], ["Politique"], default);

        using var request = new HttpRequestMessage(HttpMethod.Get, "api/feeds/atom?source=alpha");
        request.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        using var after = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Contains("version 2", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    [InlineData("json")]
    public async Task Following_next_links_walks_the_whole_history_without_gap_or_duplicate(string format)
    {
        var seen = new List<string>();
        Uri? page = new(_host.BaseUri, $"api/feeds/{format}?limit=4");
        var pages = 0;
        while (page is not null)
        {
            Assert.True(++pages <= 20, "paging does not end");
            // The links are absolute URLs on the public base URL, which for the local host is itself.
            Assert.Equal(_host.BaseUri.GetLeftPart(UriPartial.Authority), page.GetLeftPart(UriPartial.Authority));
            using var response = await _host.Client.GetAsync(page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var (ids, next) = Read(format, await response.Content.ReadAsStringAsync());
            Assert.InRange(ids.Count, 1, 4);
            seen.AddRange(ids);
            page = next;
        }
        Assert.Equal(_newestFirst, seen);
    }

    [Fact]
    public async Task Source_and_category_feeds_hold_only_their_articles()
    {
        var beta = await ItemsAsync("api/feeds/json?source=beta");
        var economy = await ItemsAsync("api/feeds/json?category=%C3%89conomie");
        var economyBySlug = await ItemsAsync("api/feeds/json?category=economie");
        var alphaPolitics = await ItemsAsync("api/feeds/json?source=alpha&category=politique&limit=100");

        Assert.Equal(BetaCount, beta.Count);
        Assert.All(beta, i => Assert.StartsWith("https://beta.example/", i.GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.Equal(beta.Select(Id), economy.Select(Id));
        Assert.Equal(beta.Select(Id), economyBySlug.Select(Id));
        Assert.Equal(AlphaCount, alphaPolitics.Count);
        Assert.All(alphaPolitics, i => Assert.Contains("Politique", i.GetProperty("tags").EnumerateArray().Select(t => t.GetString())));

        using var unknown = await _host.Client.GetAsync("api/feeds/rss?source=gamma");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Feedparser_reads_every_stored_feed_without_complaint()
    {
        var container = _host.Services.GetRequiredService<BlobServiceClient>()
            .GetBlobContainerClient(_host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.Name("feeds"));
        var checkedFeeds = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            if (blob.Name.EndsWith("/rss", StringComparison.Ordinal) || blob.Name.EndsWith("/atom", StringComparison.Ordinal))
            {
                var bytes = (await container.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToArray();
                var parsed = await FeedClients.FeedparserAsync(bytes);
                Assert.True(parsed.GetProperty("bozo").GetInt32() == 0, $"{blob.Name}: {parsed.GetProperty("bozo_exception").GetString()}");
                Assert.NotEmpty(parsed.GetProperty("entries").EnumerateArray());
                checkedFeeds.Add(blob.Name);
            }
        }
        // all, alpha, beta, politique, economie: in RSS and Atom each.
        Assert.Equal(10, checkedFeeds.Count);
    }

    [Fact]
    public async Task The_opml_list_imports_into_newsboat_and_every_feed_it_lists_answers()
    {
        using var response = await _host.Client.GetAsync("api/feeds.opml");
        var urls = await FeedClients.NewsboatImportOpmlAsync(await response.Content.ReadAsByteArrayAsync());

        var expected = new[] { "api/feeds/rss", "api/feeds/rss?source=alpha", "api/feeds/rss?source=beta", "api/feeds/rss?category=economie", "api/feeds/rss?category=politique" }
            .Select(u => new Uri(_host.BaseUri, u).AbsoluteUri);
        Assert.Equal(expected.Order(), urls.Select(u => u.Split(' ')[0]).Order());
        foreach (var url in urls.Select(u => u.Split(' ')[0]))
        {
            using var feed = await _host.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        }
    }

    private static string Id(JsonElement item) => item.GetProperty("id").GetString()!;

    private async Task<List<JsonElement>> ItemsAsync(string url)
    {
        using var response = await _host.Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. json.RootElement.GetProperty("items").EnumerateArray().Select(i => i.Clone())];
    }

    private static (List<string> Ids, Uri? Next) Read(string format, string body)
    {
        if (format == "json")
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            return ([.. root.GetProperty("items").EnumerateArray().Select(Id)],
                root.TryGetProperty("next_url", out var next) ? new Uri(next.GetString()!) : null);
        }
        var xml = XDocument.Parse(body).Root!;
        var (container, items, id) = format == "rss"
            ? (xml.Element("channel")!, "item", "guid")
            : (xml, Atom + "entry", Atom + "id");
        var nextLink = container.Elements(Atom + "link").SingleOrDefault(l => (string?)l.Attribute("rel") == "next");
        return ([.. container.Elements(items).Select(i => i.Element(id)!.Value)],
            nextLink is null ? null : new Uri((string)nextLink.Attribute("href")!));
    }
}
