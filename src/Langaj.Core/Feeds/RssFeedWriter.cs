using System.Globalization;
using System.ServiceModel.Syndication;
using System.Xml;
using System.Xml.Linq;

namespace Langaj.Core.Feeds;

/// <summary>
/// RSS 2.0 with the modules readers expect of a news feed: <c>content:encoded</c> for the full HTML,
/// <c>dc:creator</c> for authors (RSS's own <c>author</c> must be an e-mail address) and atom:link
/// for the self URL and RFC 5005 paging.
/// </summary>
public static class RssFeedWriter
{
    // Extension elements name their prefix themselves (atom:, dc:, content:), so each carries its
    // own xmlns declaration: the formatter replays every extension from a buffer of its own and
    // repeats the declaration even when the channel declares it, so declaring it there gains nothing.
    private static readonly XNamespace Atom = FeedNamespaces.Atom;
    private static readonly XNamespace Content = FeedNamespaces.Content;
    private static readonly XNamespace Dc = FeedNamespaces.DublinCore;

    public static byte[] Write(FeedDocument document)
    {
        document = XmlCharacters.Strip(document);
        var feed = new SyndicationFeed(document.Title, document.Description, document.HomeUrl)
        {
            Language = document.Language,
            Items = [.. document.Items.Select(ToItem)],
        };
        feed.ElementExtensions.Add(Element(new XElement("lastBuildDate", Rfc822(document.Updated))));
        AddAtomLink(feed, "self", document.SelfUrl);
        foreach (var (relation, href) in document.Paging.Links())
        {
            AddAtomLink(feed, relation, href);
        }
        return FeedStylesheet.Write(document.Stylesheet, new Rss20FeedFormatter(feed, serializeExtensionsAsAtom: false));
    }

    private static void AddAtomLink(SyndicationFeed feed, string relation, Uri href) =>
        feed.ElementExtensions.Add(Element(new XElement(Atom + "link",
            new XAttribute(XNamespace.Xmlns + "atom", Atom),
            new XAttribute("rel", relation),
            new XAttribute("href", href.AbsoluteUri),
            new XAttribute("type", "application/rss+xml"))));

    private static SyndicationItem ToItem(Article article)
    {
        var item = new SyndicationItem
        {
            // Written as guid isPermaLink="false": the URN is an id, not an address; the address is <link>.
            Id = FeedItem.Id(article),
            Title = new TextSyndicationContent(article.Metadata.Title),
            Summary = new TextSyndicationContent(article.Metadata.Summary),
        };
        if (FeedItem.Link(article) is { } link)
        {
            item.Links.Add(SyndicationLink.CreateAlternateLink(link));
        }
        foreach (var term in FeedItem.Terms(article))
        {
            item.Categories.Add(new SyndicationCategory(term));
        }
        item.ElementExtensions.Add(Element(new XElement("pubDate", Rfc822(FeedItem.Published(article)))));
        foreach (var author in article.Metadata.Authors)
        {
            item.ElementExtensions.Add(Element(new XElement(Dc + "creator", new XAttribute(XNamespace.Xmlns + "dc", Dc), author)));
        }
        if (FeedItem.Image(article) is { } image)
        {
            // RSS requires a length; the RSS Advisory Board's best practice is 0 when it is unknown,
            // which it is: Langaj never downloads the image. (The formatter drops a 0 length, hence
            // the element is written by hand.)
            item.ElementExtensions.Add(Element(new XElement("enclosure",
                new XAttribute("url", image.AbsoluteUri),
                new XAttribute("length", 0),
                new XAttribute("type", FeedItem.ImageType(image)))));
        }
        if (article.Body.Html.Length > 0)
        {
            item.ElementExtensions.Add(Element(new XElement(Content + "encoded", new XAttribute(XNamespace.Xmlns + "content", Content), article.Body.Html)));
        }
        return item;
    }

    /// <summary>
    /// RFC 822 dates with "+0000". The formatter writes UTC as "Z", which RFC 822 allows but several
    /// readers and the W3C validator reject, so pubDate and lastBuildDate are written by hand.
    /// </summary>
    private static string Rfc822(DateTimeOffset value) =>
        value.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    private static XmlReader Element(XElement element) => element.CreateReader();
}
