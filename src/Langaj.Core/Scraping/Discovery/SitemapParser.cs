using System.Xml;
using System.Xml.Linq;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>A sitemap read: its page links, or for a sitemap index the child sitemaps it lists.</summary>
internal sealed record ParsedSitemap(IReadOnlyList<DiscoveredLink> Links, IReadOnlyList<DiscoveredLink> ChildSitemaps);

/// <summary>Reads sitemaps.org urlsets and sitemap indexes, with the Google News extension's date and title.</summary>
internal static class SitemapParser
{
    private static readonly XNamespace s_news = "http://www.google.com/schemas/sitemap-news/0.9";

    public static ParsedSitemap Parse(byte[] body, string? contentType, Uri documentUrl)
    {
        var xml = XmlDocuments.RepairEntities(XmlDocuments.Decode(body, contentType));
        var links = new List<DiscoveredLink>();
        var children = new List<DiscoveredLink>();
        try
        {
            using var reader = XmlDocuments.CreateReader(xml);
            reader.MoveToContent();
            var isIndex = reader.LocalName == "sitemapindex";
            if (!isIndex && reader.LocalName != "urlset")
            {
                throw new DiscoveryException($"{documentUrl} is not a sitemap (its root element is <{reader.Name}>)");
            }
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "url" or "sitemap")
                {
                    var entry = (XElement)XNode.ReadFrom(reader);
                    if (Read(entry, documentUrl) is { } link)
                    {
                        (isIndex ? children : links).Add(link);
                    }
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException e) when (links.Count + children.Count == 0)
        {
            throw new DiscoveryException($"{documentUrl} is not a well-formed sitemap: {e.Message}", e);
        }
        catch (XmlException)
        {
            // A truncated sitemap still lists its first entries; they are worth having.
        }
        return new ParsedSitemap(links, children);
    }

    private static DiscoveredLink? Read(XElement entry, Uri documentUrl)
    {
        var loc = Child(entry, "loc");
        if (loc is null || !Uri.TryCreate(documentUrl, loc, out var url))
        {
            return null;
        }
        var news = entry.Element(s_news + "news");
        var published = FeedDates.Parse(Text(news?.Element(s_news + "publication_date")));
        return new DiscoveredLink(url, published ?? FeedDates.Parse(Child(entry, "lastmod")), Text(news?.Element(s_news + "title")));
    }

    private static string? Child(XElement entry, string localName) =>
        Text(entry.Elements().FirstOrDefault(e => e.Name.LocalName == localName));

    private static string? Text(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();
}
