using System.Text.Json;
using Langaj.Core.Feeds;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Tests.Feeds;

/// <summary>The rendered feeds as real readers see them: python3-feedparser and newsboat.</summary>
public sealed class FeedReaderTests
{
    private static readonly FeedPaging Paging = new(
        new Uri("https://feeds.example/api/feeds/rss?source=news-example"),
        new Uri("https://feeds.example/api/feeds/rss?source=news-example&cursor=c2"),
        null,
        null);

    public static TheoryData<string> XmlFormats => ["rss", "atom"];

    private static byte[] Render(string format, FeedDocument document) => format switch
    {
        "rss" => RssFeedWriter.Write(document),
        "atom" => AtomFeedWriter.Write(document),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    [Theory]
    [MemberData(nameof(XmlFormats))]
    public async Task Feedparser_reads_every_field_without_complaint(string format)
    {
        var articles = FeedSamples.Articles();
        var parsed = await FeedClients.FeedparserAsync(Render(format, FeedSamples.Document(articles, Paging)));

        Assert.True(parsed.GetProperty("bozo").GetInt32() == 0, parsed.GetProperty("bozo_exception").GetString());
        Assert.StartsWith(format == "rss" ? "rss20" : "atom10", parsed.GetProperty("version").GetString(), StringComparison.Ordinal);
        Assert.Equal("News Example — Langaj", parsed.GetProperty("feed").GetProperty("title").GetString());
        Assert.Equal("fr", parsed.GetProperty("feed").GetProperty("language").GetString());
        var links = parsed.GetProperty("feed").GetProperty("links").EnumerateArray()
            .ToDictionary(l => l.GetProperty("rel").GetString()!, l => l.GetProperty("href").GetString());
        Assert.Equal(Paging.Next!.AbsoluteUri, links["next"]);

        var entries = parsed.GetProperty("entries").EnumerateArray().ToList();
        Assert.Equal(articles.Count, entries.Count);
        foreach (var (article, entry) in articles.Zip(entries))
        {
            Assert.Equal("urn:langaj:article:" + article.Id, entry.GetProperty("id").GetString());
            Assert.Equal(article.Metadata.Title, entry.GetProperty("title").GetString());
            Assert.Equal(article.Url, entry.GetProperty("link").GetString());
            Assert.Equal(article.Metadata.Published!.Value.ToUnixTimeSeconds(), entry.GetProperty("published").GetInt64());
            if (format == "atom")
            {
                Assert.Equal(article.Metadata.Modified!.Value.ToUnixTimeSeconds(), entry.GetProperty("updated").GetInt64());
            }
            Assert.Equal(article.Body.Html, entry.GetProperty("content")[0].GetString());
            Assert.Equal(article.Metadata.Summary, entry.GetProperty("summary").GetString());
            Assert.Equal(article.Metadata.Authors, entry.GetProperty("authors").EnumerateArray().Select(a => a.GetString()));
            Assert.Equal(FeedItem.Terms(article), entry.GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
            var enclosures = entry.GetProperty("enclosures").EnumerateArray().ToList();
            Assert.Equal(article.Metadata.Image, enclosures.SingleOrDefault().ValueKind == JsonValueKind.Undefined ? null : enclosures.Single().GetProperty("href").GetString());
        }
    }

    [Theory]
    [MemberData(nameof(XmlFormats))]
    public async Task Feedparser_is_not_upset_by_forbidden_characters_or_an_empty_feed(string format)
    {
        var hostile = FeedSamples.Article(1, a => a.Title = "Bell\u0007 and \uFFFF and \uD83D alone");
        foreach (var document in new[] { FeedSamples.Document([hostile]), FeedSamples.Document([]) })
        {
            var parsed = await FeedClients.FeedparserAsync(Render(format, document));
            Assert.True(parsed.GetProperty("bozo").GetInt32() == 0, parsed.GetProperty("bozo_exception").GetString());
            Assert.Equal(document.Items.Select(_ => "Bell and  and  alone"), parsed.GetProperty("entries").EnumerateArray().Select(e => e.GetProperty("title").GetString()));
        }
    }

    [Fact]
    public async Task Newsboat_fetches_rss_and_atom_over_http_and_stores_every_item()
    {
        var articles = FeedSamples.Articles();
        var document = FeedSamples.Document(articles);
        var rssBytes = RssFeedWriter.Write(document);
        var atomBytes = AtomFeedWriter.Write(document);
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/feeds/rss", () => Results.Bytes(rssBytes, "application/rss+xml; charset=utf-8"));
            app.MapGet("/feeds/atom", () => Results.Bytes(atomBytes, "application/atom+xml; charset=utf-8"));
        });

        // Newest first in both: newsboat read each item's date as well as its title.
        var expected = articles.Select(a => a.Metadata.Title).ToList();
        Assert.Equal(expected, await FeedClients.NewsboatAsync(site.Url("/feeds/rss")));
        Assert.Equal(expected, await FeedClients.NewsboatAsync(site.Url("/feeds/atom")));
        Assert.Single(site.RequestsTo("/feeds/rss"));
        Assert.Single(site.RequestsTo("/feeds/atom"));
    }

    [Fact]
    public async Task Newsboat_imports_the_opml_list()
    {
        var home = new Uri("https://feeds.example/");
        var opml = OpmlWriter.Write("Langaj feeds", FeedSamples.Now,
        [
            new OpmlGroup("All articles", [new OpmlOutline("All articles", new Uri("https://feeds.example/api/feeds/rss"), home)]),
            new OpmlGroup("Sources", [new OpmlOutline("News Example", new Uri("https://feeds.example/api/feeds/rss?source=news-example"), home)]),
            new OpmlGroup("Categories", [new OpmlOutline("Économie & marchés", new Uri("https://feeds.example/api/feeds/rss?category=%C3%89conomie%20%26%20march%C3%A9s"), home)]),
        ]);

        var urls = await FeedClients.NewsboatImportOpmlAsync(opml);

        Assert.Equal(
            ["https://feeds.example/api/feeds/rss", "https://feeds.example/api/feeds/rss?source=news-example", "https://feeds.example/api/feeds/rss?category=%C3%89conomie%20%26%20march%C3%A9s"],
            urls.Select(u => u.Split(' ')[0]));
    }
}
