using System.Net;
using System.ServiceModel.Syndication;
using System.Xml;
using Azure.Data.Tables;

namespace Langaj.Integration.Tests.EndToEnd;

/// <summary>
/// The whole product on the bundled demo site (pages like the first source's, with its noise):
/// scraped over real HTTP on loopback, stored in Azurite, served by the local host.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class DemoSiteTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string SeedTitle = "La Corée du Nord envoie des troupes en Ukraine : une nouvelle étape dans l’alliance avec la Russie";

    // Everything a naive scraper picks up around the article on the first source's pages.
    private static readonly string[] Noise =
    [
        "Langaj", "Adblock Detected", "Please consider supporting us", "À la une", "Partager", "Tweet", "Facebook",
        "À lire aussi", "Abonnez-vous", "newsletter", "Laisser un commentaire", "cookies", "Mots-clés", "Tous droits réservés",
        "Budget 2025", "Canicule",
    ];

    private LocalHost _host = null!;

    public async Task InitializeAsync() => _host = await LocalHost.StartAsync(azurite, demo: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_first_scrape_stores_every_demo_article()
    {
        var report = await _host.ScrapeAsync();

        var source = Assert.Single(report.Sources);
        Assert.Null(source.Error);
        Assert.Equal((4, 4, 0, 0, 0), (source.Found, source.New, source.Updated, source.Unchanged, source.Failed));
    }

    [Fact]
    public async Task The_seed_article_comes_out_of_the_api_with_exactly_its_paragraphs_and_date()
    {
        await _host.ScrapeAsync();
        var seed = await SeedArticleAsync();

        var expected = await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "testdata", "demo", "seed-article.expected.txt"));
        Assert.Equal(expected, seed.GetProperty("text").GetString());
        Assert.Equal(SeedTitle, seed.GetProperty("title").GetString());
        Assert.Equal(new DateTimeOffset(2024, 10, 14, 7, 30, 0, TimeSpan.Zero), seed.GetProperty("published").GetDateTimeOffset());
        Assert.Equal("Guerre Russie Ukraine", seed.GetProperty("category").GetString());
        Assert.Equal("Claire Dubois", seed.GetProperty("author").GetString());
        Assert.Equal("demo", seed.GetProperty("source").GetString());
        Assert.StartsWith("fr", seed.GetProperty("language").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/demo/images/coree.jpg", seed.GetProperty("image").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/demo/articles/coree-du-nord-troupes-ukraine.html", seed.GetProperty("url").GetString(), StringComparison.Ordinal);
        var html = seed.GetProperty("html").GetString()!;
        Assert.Equal(7, CountOccurrences(html, "<p>"));
        AssertNoNoise(seed.GetProperty("text").GetString()!);
        AssertNoNoise(html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("rss")]
    [InlineData("atom")]
    public async Task The_seed_article_is_in_both_feeds_with_its_body_and_nothing_else(string format)
    {
        await _host.ScrapeAsync();
        var seed = await SeedArticleAsync();

        using var response = await _host.Client.GetAsync($"api/feeds/{format}");
        response.EnsureSuccessStatusCode();
        Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
        using var reader = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        var feed = SyndicationFeed.Load(reader);
        Assert.Equal(4, feed.Items.Count());
        var item = Assert.Single(feed.Items, i => i.Title.Text == SeedTitle);
        var body = format == "rss"
            ? item.ElementExtensions.ReadElementExtensions<string>("encoded", "http://purl.org/rss/1.0/modules/content/").Single()
            : ((TextSyndicationContent)item.Content).Text;
        Assert.Equal(seed.GetProperty("html").GetString(), body);
        AssertNoNoise(body);
        Assert.Contains(seed.GetProperty("id").GetString()!, item.Id, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scraping_the_same_source_twice_adds_nothing_and_changes_nothing()
    {
        await _host.ScrapeAsync();
        var before = await SnapshotAsync();
        var rss = await _host.Client.GetByteArrayAsync("api/feeds/rss");

        var second = Assert.Single((await _host.ScrapeAsync()).Sources);

        Assert.Equal((4, 0, 0, 4, 0), (second.Found, second.New, second.Updated, second.Unchanged, second.Failed));
        Assert.Equal(before, await SnapshotAsync());
        Assert.Equal(rss, await _host.Client.GetByteArrayAsync("api/feeds/rss"));
    }

    [Fact]
    public async Task Articles_are_listed_newest_first_and_filter_by_category_and_source()
    {
        await _host.ScrapeAsync();

        var all = await _host.Client.GetFromJsonAsync<JsonElement>("api/articles");
        var published = all.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("published").GetDateTimeOffset()).ToList();
        Assert.Equal(4, published.Count);
        Assert.Equal(published.OrderDescending(), published);
        Assert.Equal(JsonValueKind.Null, all.GetProperty("next").ValueKind);
        Assert.False(all.GetProperty("items")[0].TryGetProperty("html", out _), "list items carry no body");

        var climat = await _host.Client.GetFromJsonAsync<JsonElement>("api/articles?category=climat");
        Assert.Equal("Climat", Assert.Single(climat.GetProperty("items").EnumerateArray()).GetProperty("category").GetString());
        // A source that is not configured is not an empty list but the 404 the feeds answer too.
        using var none = await _host.Client.GetAsync("api/articles?source=other");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Paging_with_the_cursor_walks_every_article_once()
    {
        await _host.ScrapeAsync();

        var seen = new List<string>();
        string? cursor = null;
        do
        {
            var page = await _host.Client.GetFromJsonAsync<JsonElement>("api/articles?limit=3" + (cursor is null ? "" : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!));
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        Assert.Equal(4, seen.Count);
        Assert.Equal(4, seen.Distinct().Count());
    }

    [Fact]
    public async Task Health_reports_the_source_last_run()
    {
        await _host.ScrapeAsync();

        var health = await _host.Client.GetFromJsonAsync<JsonElement>("api/health");

        Assert.Equal("ok", health.GetProperty("status").GetString());
        var source = Assert.Single(health.GetProperty("sources").EnumerateArray());
        Assert.Equal("demo", source.GetProperty("id").GetString());
        Assert.Equal(4, source.GetProperty("new").GetInt32());
        Assert.Equal(JsonValueKind.String, source.GetProperty("lastSuccess").ValueKind);
    }

    private async Task<JsonElement> SeedArticleAsync()
    {
        var list = await _host.Client.GetFromJsonAsync<JsonElement>("api/articles?limit=10");
        var id = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == SeedTitle).GetProperty("id").GetString();
        using var response = await _host.Client.GetAsync($"api/articles/{id}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    // Every row of the article index with its ETag: equal snapshots mean nothing was written.
    private async Task<List<string>> SnapshotAsync()
    {
        var store = _host.Services.GetRequiredService<ArticleStore>();
        var rows = new List<string>();
        await foreach (var row in store.Table.QueryAsync<TableEntity>())
        {
            rows.Add($"{row.PartitionKey}/{row.RowKey}/{row.ETag}");
        }
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static void AssertNoNoise(string body)
    {
        foreach (var noise in Noise)
        {
            Assert.DoesNotContain(noise, body, StringComparison.Ordinal);
        }
    }

    private static int CountOccurrences(string text, string value) =>
        (text.Length - text.Replace(value, "", StringComparison.Ordinal).Length) / value.Length;
}
