using System.Xml;
using System.Xml.Linq;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>
/// Reads item links from RSS 0.9x/2.0, RSS 1.0 (RDF) and Atom 1.0. Lenient the way feed readers must be:
/// unknown HTML entities are repaired, a bad date leaves the item undated, and a document that breaks
/// half-way still yields the items read before the break.
/// </summary>
internal static class FeedParser
{
    private static readonly XNamespace s_atom = "http://www.w3.org/2005/Atom";
    private static readonly XNamespace s_dc = "http://purl.org/dc/elements/1.1/";
    private static readonly XNamespace s_rdf = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

    /// <summary>
    /// The items' links in document order; relative links are resolved against <paramref name="documentUrl"/>.
    /// <see cref="ParsedDocument.Problem"/> tells when the document broke after some items were read.
    /// </summary>
    public static ParsedDocument Parse(byte[] body, string? contentType, Uri documentUrl)
    {
        var xml = XmlDocuments.RepairEntities(XmlDocuments.Decode(body, contentType));
        var links = new List<DiscoveredLink>();
        try
        {
            using var reader = XmlDocuments.CreateReader(xml);
            reader.MoveToContent();
            var root = reader.LocalName;
            var isAtom = reader.NamespaceURI == s_atom.NamespaceName && root == "feed";
            if (!isAtom && root is not ("rss" or "RDF"))
            {
                throw new DiscoveryException($"{documentUrl} is not an RSS or Atom feed (its root element is <{reader.Name}>)");
            }
            var baseUrl = BaseOf(reader, documentUrl);
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.LocalName is "item" or "entry")
                {
                    var item = (XElement)XNode.ReadFrom(reader);
                    if ((isAtom ? ReadAtomEntry(item, baseUrl) : ReadRssItem(item, baseUrl)) is { } link)
                    {
                        links.Add(link);
                    }
                }
                else
                {
                    reader.Read();
                }
            }
        }
        catch (XmlException e) when (links.Count > 0)
        {
            // Keep what was read: a feed that breaks at item 30 still announces items 1 to 29.
            return new ParsedDocument(links, $"{documentUrl} is ill-formed after {links.Count} items: {e.Message}");
        }
        catch (XmlException e)
        {
            throw new DiscoveryException($"{documentUrl} is not a well-formed feed: {e.Message}", e);
        }
        return new ParsedDocument(links, null);
    }

    private static DiscoveredLink? ReadRssItem(XElement item, Uri baseUrl)
    {
        // atom:link in an RSS item carries its URL in href, not in text: skip it.
        var href = item.Elements().Where(e => e.Name.LocalName == "link" && e.Name.Namespace != s_atom).Select(Text).FirstOrDefault(t => t is not null);
        var guid = item.Elements().FirstOrDefault(e => e.Name.LocalName == "guid");
        if (href is null && guid is not null && !string.Equals((string?)guid.Attribute("isPermaLink"), "false", StringComparison.OrdinalIgnoreCase))
        {
            href = Text(guid);
        }
        href ??= (string?)item.Attribute(s_rdf + "about");
        var date = Text(item.Elements().FirstOrDefault(e => e.Name.LocalName == "pubDate")) ?? Text(item.Element(s_dc + "date"));
        var title = Text(item.Elements().FirstOrDefault(e => e.Name.LocalName == "title"));
        return Link(href, baseUrl, FeedDates.Parse(date), title);
    }

    private static DiscoveredLink? ReadAtomEntry(XElement entry, Uri feedBase)
    {
        var baseUrl = BaseOf(entry, feedBase);
        var link = entry.Elements(s_atom + "link").FirstOrDefault(l => (string?)l.Attribute("rel") is null or "alternate");
        var href = (string?)link?.Attribute("href");
        var date = Text(entry.Element(s_atom + "updated")) ?? Text(entry.Element(s_atom + "published"));
        var title = Text(entry.Element(s_atom + "title"));
        return Link(href, link is null ? baseUrl : BaseOf(link, baseUrl), FeedDates.Parse(date), title);
    }

    private static DiscoveredLink? Link(string? href, Uri baseUrl, DateTimeOffset? updated, string? title) =>
        !string.IsNullOrWhiteSpace(href) && Uri.TryCreate(baseUrl, href.Trim(), out var url)
            ? new DiscoveredLink(url, updated, title)
            : null;

    private static string? Text(XElement? element) =>
        element is null || string.IsNullOrWhiteSpace(element.Value) ? null : element.Value.Trim();

    private static Uri BaseOf(XmlReader reader, Uri documentUrl) =>
        reader.GetAttribute("xml:base") is { } xmlBase && Uri.TryCreate(documentUrl, xmlBase, out var resolved) ? resolved : documentUrl;

    private static Uri BaseOf(XElement element, Uri parentBase) =>
        (string?)element.Attribute(XNamespace.Xml + "base") is { } xmlBase && Uri.TryCreate(parentBase, xmlBase, out var resolved) ? resolved : parentBase;
}
