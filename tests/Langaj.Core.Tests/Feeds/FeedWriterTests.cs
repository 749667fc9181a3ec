using System.Globalization;
using System.ServiceModel.Syndication;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using Langaj.Core.Feeds;

namespace Langaj.Core.Tests.Feeds;

/// <summary>Round trips: each format is written, read back with an independent parser and compared with the articles.</summary>
public sealed class FeedWriterTests
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace Content = "http://purl.org/rss/1.0/modules/content/";
    private static readonly XNamespace Dc = "http://purl.org/dc/elements/1.1/";

    private static readonly FeedPaging Paging = new(
        new Uri("https://feeds.example/api/feeds/rss?source=news-example"),
        new Uri("https://feeds.example/api/feeds/rss?source=news-example&cursor=c2"),
        new Uri("https://feeds.example/api/feeds/rss?source=news-example&cursor=c0"),
        null);

    private static SyndicationFeed Load(byte[] bytes)
    {
        using var reader = XmlReader.Create(new MemoryStream(bytes));
        return SyndicationFeed.Load(reader);
    }

    [Fact]
    public void Rss_round_trips_through_SyndicationFeed()
    {
        var articles = FeedSamples.Articles();
        var bytes = RssFeedWriter.Write(FeedSamples.Document(articles));

        var feed = Load(bytes);
        Assert.Equal("News Example — Langaj", feed.Title.Text);
        Assert.Equal("fr", feed.Language);
        Assert.Equal(articles.Count, feed.Items.Count());
        foreach (var (article, item) in articles.Zip(feed.Items))
        {
            Assert.Equal("urn:langaj:article:" + article.Id, item.Id);
            Assert.Equal(article.Metadata.Title, item.Title.Text);
            Assert.Equal(article.Metadata.Published, item.PublishDate);
            Assert.Equal(article.Url, item.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
            Assert.Equal(article.Metadata.Summary, item.Summary.Text);
            Assert.Equal(article.Body.Html, item.ElementExtensions.ReadElementExtensions<string>("encoded", Content.NamespaceName).Single());
            Assert.Equal(article.Metadata.Authors, item.ElementExtensions.ReadElementExtensions<string>("creator", Dc.NamespaceName));
            Assert.Equal(FeedItemTerms(article), item.Categories.Select(c => c.Name));
        }
    }

    [Fact]
    public void Rss_uses_the_rss_conventions_readers_rely_on()
    {
        var articles = FeedSamples.Articles();
        var rss = XDocument.Load(new MemoryStream(RssFeedWriter.Write(FeedSamples.Document(articles, Paging))));
        var channel = rss.Root!.Element("channel")!;
        var items = channel.Elements("item").ToList();

        Assert.All(items, i => Assert.Equal("false", i.Element("guid")!.Attribute("isPermaLink")?.Value));
        // RFC 822 with a numeric zone or GMT: "Z" is legal RFC 822 but several readers reject it.
        Assert.All(items, i => Assert.Matches(@"^\w{3}, \d{2} \w{3} \d{4} \d{2}:\d{2}:\d{2} (\+0000|GMT)$", i.Element("pubDate")!.Value));
        Assert.Equal(FeedItem.Published(articles[0]), DateTimeOffset.Parse(items[0].Element("pubDate")!.Value.Replace("GMT", "+0000", StringComparison.Ordinal), CultureInfo.InvariantCulture));
        Assert.Empty(items.Elements("author"));
        Assert.Equal(["Anne Dupont", "Karim Ben Ali"], items[0].Elements(Dc + "creator").Select(e => e.Value));

        var enclosure = items[0].Element("enclosure")!;
        Assert.Equal("https://news.example/img/lead-3.webp", enclosure.Attribute("url")!.Value);
        Assert.Equal("image/webp", enclosure.Attribute("type")!.Value);
        Assert.Equal("0", enclosure.Attribute("length")!.Value);
        Assert.Null(items[1].Element("enclosure"));
        Assert.Equal("image/jpeg", items[2].Element("enclosure")!.Attribute("type")!.Value);

        var links = channel.Elements(Atom + "link").ToDictionary(l => l.Attribute("rel")!.Value, l => l.Attribute("href")!.Value);
        Assert.Equal("https://feeds.example/api/feeds/rss?source=news-example", links["self"]);
        Assert.Equal(Paging.First!.AbsoluteUri, links["first"]);
        Assert.Equal(Paging.Next!.AbsoluteUri, links["next"]);
        Assert.Equal(Paging.Previous!.AbsoluteUri, links["previous"]);
        Assert.False(links.ContainsKey("last"));
        Assert.Equal("https://news.example/", channel.Element("link")!.Value);
        Assert.Equal("fr", channel.Element("language")!.Value);
    }

    [Fact]
    public void Atom_round_trips_through_SyndicationFeed()
    {
        var articles = FeedSamples.Articles();
        var document = FeedSamples.Document(articles, Paging);
        var feed = Load(AtomFeedWriter.Write(document));

        Assert.Equal(document.Id, feed.Id);
        Assert.Equal(document.Title, feed.Title.Text);
        Assert.Equal(document.Updated, feed.LastUpdatedTime);
        Assert.Equal("fr", feed.Language);
        Assert.Equal("News Example", feed.Authors.Single().Name);
        var links = feed.Links.ToDictionary(l => l.RelationshipType, l => l.Uri.AbsoluteUri);
        Assert.Equal(document.SelfUrl.AbsoluteUri, links["self"]);
        Assert.Equal(document.HomeUrl.AbsoluteUri, links["alternate"]);
        Assert.Equal(Paging.Next!.AbsoluteUri, links["next"]);
        Assert.Equal(Paging.First!.AbsoluteUri, links["first"]);
        Assert.Equal(Paging.Previous!.AbsoluteUri, links["previous"]);

        Assert.Equal(articles.Count, feed.Items.Count());
        foreach (var (article, entry) in articles.Zip(feed.Items))
        {
            Assert.Equal("urn:langaj:article:" + article.Id, entry.Id);
            Assert.Equal(article.Metadata.Title, entry.Title.Text);
            Assert.Equal(article.Metadata.Modified, entry.LastUpdatedTime);
            Assert.Equal(article.Metadata.Published, entry.PublishDate);
            var content = Assert.IsType<TextSyndicationContent>(entry.Content);
            Assert.Equal("html", content.Type);
            Assert.Equal(article.Body.Html, content.Text);
            Assert.Equal(article.Metadata.Summary, entry.Summary.Text);
            Assert.Equal(article.Metadata.Authors, entry.Authors.Select(a => a.Name));
            Assert.Equal(FeedItemTerms(article), entry.Categories.Select(c => c.Name));
            Assert.Equal(article.Url, entry.Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
            var enclosure = entry.Links.SingleOrDefault(l => l.RelationshipType == "enclosure");
            Assert.Equal(article.Metadata.Image, enclosure?.Uri.AbsoluteUri);
        }
    }

    [Fact]
    public void Atom_carries_the_language_as_xml_lang()
    {
        var atom = XDocument.Load(new MemoryStream(AtomFeedWriter.Write(FeedSamples.Document())));
        Assert.Equal("fr", atom.Root!.Attribute(XNamespace.Xml + "lang")!.Value);
    }

    [Fact]
    public void Json_feed_has_the_fields_json_feed_1_1_requires()
    {
        var articles = FeedSamples.Articles();
        var document = FeedSamples.Document(articles, Paging);
        using var json = JsonDocument.Parse(JsonFeedWriter.Write(document));
        var root = json.RootElement;

        Assert.Equal("https://jsonfeed.org/version/1.1", root.GetProperty("version").GetString());
        Assert.Equal(document.Title, root.GetProperty("title").GetString());
        Assert.Equal(document.HomeUrl.AbsoluteUri, root.GetProperty("home_page_url").GetString());
        Assert.Equal(document.SelfUrl.AbsoluteUri, root.GetProperty("feed_url").GetString());
        Assert.Equal(Paging.Next!.AbsoluteUri, root.GetProperty("next_url").GetString());
        Assert.Equal("fr", root.GetProperty("language").GetString());

        var items = root.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(articles.Count, items.Count);
        foreach (var (article, item) in articles.Zip(items))
        {
            Assert.Equal("urn:langaj:article:" + article.Id, item.GetProperty("id").GetString());
            Assert.Equal(article.Url, item.GetProperty("url").GetString());
            Assert.Equal(article.Metadata.Title, item.GetProperty("title").GetString());
            Assert.Equal(article.Body.Html, item.GetProperty("content_html").GetString());
            Assert.Equal(article.Body.Text, item.GetProperty("content_text").GetString());
            Assert.Equal(article.Metadata.Summary, item.GetProperty("summary").GetString());
            Assert.Equal(article.Metadata.Published, Rfc3339(item.GetProperty("date_published")));
            Assert.Equal(article.Metadata.Modified, Rfc3339(item.GetProperty("date_modified")));
            Assert.Equal(article.Metadata.Authors, item.TryGetProperty("authors", out var authors) ? authors.EnumerateArray().Select(a => a.GetProperty("name").GetString()) : []);
            Assert.Equal(FeedItemTerms(article), item.TryGetProperty("tags", out var tags) ? tags.EnumerateArray().Select(t => t.GetString()) : []);
            Assert.Equal(article.Metadata.Image, item.TryGetProperty("image", out var image) ? image.GetString() : null);
        }
    }

    [Fact]
    public void Json_feed_has_no_next_url_on_the_last_page()
    {
        using var json = JsonDocument.Parse(JsonFeedWriter.Write(FeedSamples.Document()));
        Assert.False(json.RootElement.TryGetProperty("next_url", out _));
    }

    [Fact]
    public void Characters_xml_forbids_never_reach_a_feed()
    {
        // C0 controls, U+FFFE, U+FFFF and lone surrogates, in every kind of field; a valid pair (emoji) stays.
        const string hostile = "A\u0001B\u0008C\u000BD\u001FE\uFFFEF\uFFFFG\uD800H\uDC00I \U0001F600\tJ";
        const string clean = "ABCDEFGHI \U0001F600\tJ";
        var article = FeedSamples.Article(1, a =>
        {
            a.Title = hostile;
            a.Html = "<p>" + hostile + "</p>";
            a.Authors = [hostile];
            a.Tags = [hostile];
        });
        var document = FeedSamples.Document([article]) with { Title = hostile, Description = hostile };

        foreach (var bytes in new[] { RssFeedWriter.Write(document), AtomFeedWriter.Write(document) })
        {
            // A strict reader (CheckCharacters is on by default) would throw on any of them.
            var feed = Load(bytes);
            Assert.Equal(clean, feed.Title.Text);
            Assert.Equal(clean, feed.Items.Single().Title.Text);
            Assert.Contains(clean, Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }
        var json = JsonFeedWriter.Write(document);
        using var parsed = JsonDocument.Parse(json);
        var item = parsed.RootElement.GetProperty("items")[0];
        Assert.Equal(clean, item.GetProperty("title").GetString());
        Assert.Equal("<p>" + clean + "</p>", item.GetProperty("content_html").GetString());
        Assert.Equal(clean, item.GetProperty("authors")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void An_article_with_an_unusable_url_loses_its_link_not_the_feed()
    {
        var sample = FeedSamples.Article(9);
        var broken = sample with { Url = "javascript:alert(1)", Metadata = sample.Metadata with { Image = "not a url" } };
        var document = FeedSamples.Document([broken, .. FeedSamples.Articles()]);

        foreach (var bytes in new[] { RssFeedWriter.Write(document), AtomFeedWriter.Write(document) })
        {
            var items = Load(bytes).Items.ToList();
            Assert.Equal(4, items.Count);
            Assert.Empty(items[0].Links);
            Assert.Equal("https://news.example/articles/3", items[1].Links.Single(l => l.RelationshipType == "alternate").Uri.AbsoluteUri);
        }
        using var json = JsonDocument.Parse(JsonFeedWriter.Write(document));
        var first = json.RootElement.GetProperty("items")[0];
        Assert.False(first.TryGetProperty("url", out _));
        Assert.False(first.TryGetProperty("image", out _));
    }

    [Fact]
    public void Feeds_are_utf8_without_a_byte_order_mark()
    {
        foreach (var bytes in new[] { RssFeedWriter.Write(FeedSamples.Document()), AtomFeedWriter.Write(FeedSamples.Document()), JsonFeedWriter.Write(FeedSamples.Document()) })
        {
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Contains("Élections", new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Opml_lists_each_feed_as_an_rss_outline()
    {
        var groups = new[]
        {
            new OpmlGroup("All articles", [new OpmlOutline("All articles", new Uri("https://feeds.example/api/feeds/rss"), new Uri("https://feeds.example/"))]),
            new OpmlGroup("Categories", [new OpmlOutline("Politique & société", new Uri("https://feeds.example/api/feeds/rss?category=Politique%20%26%20soci%C3%A9t%C3%A9"), new Uri("https://feeds.example/"))]),
        };
        var opml = XDocument.Load(new MemoryStream(OpmlWriter.Write("Langaj feeds", FeedSamples.Now, groups)));

        Assert.Equal("2.0", opml.Root!.Attribute("version")!.Value);
        Assert.Equal("Mon, 23 Nov 2026 18:00:00 GMT", opml.Root.Element("head")!.Element("dateModified")!.Value);
        var outlines = opml.Descendants("outline").Where(o => o.Attribute("xmlUrl") is not null).ToList();
        Assert.Equal(2, outlines.Count);
        Assert.All(outlines, o => Assert.Equal("rss", o.Attribute("type")!.Value));
        Assert.Equal("Politique & société", outlines[1].Attribute("title")!.Value);
        Assert.Equal("https://feeds.example/api/feeds/rss?category=Politique%20%26%20soci%C3%A9t%C3%A9", outlines[1].Attribute("xmlUrl")!.Value);
    }

    private static DateTimeOffset Rfc3339(JsonElement value)
    {
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", value.GetString());
        return DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture);
    }

    // Category first, then tags, each once whatever its case.
    private static IEnumerable<string> FeedItemTerms(Article article) =>
        new[] { article.Metadata.Category }.Concat(article.Metadata.Tags).OfType<string>().DistinctBy(t => t.ToUpperInvariant());

    [Fact]
    public void Terms_are_the_category_then_the_tags_each_once()
    {
        Assert.Equal(["Politique", "élections", "Paris"], FeedItem.Terms(FeedSamples.Articles()[0]));
    }
}
