using System.Globalization;
using System.Xml;

namespace Langaj.Core.Feeds;

/// <summary>One subscription in an OPML list.</summary>
public sealed record OpmlOutline(string Title, Uri XmlUrl, Uri HtmlUrl);

/// <summary>A titled group of subscriptions ("All articles", "Sources", "Categories").</summary>
public sealed record OpmlGroup(string Title, IReadOnlyList<OpmlOutline> Feeds);

/// <summary>
/// OPML 2.0 subscription lists (http://opml.org/spec2.opml). Each outline points at the RSS feed
/// only: readers import every outline as a subscription, so listing the Atom and JSON twins too
/// would subscribe people to each article three times.
/// </summary>
public static class OpmlWriter
{
    /// <param name="modified">When the list last changed; written as dateModified (not the render time, so
    /// that rendering an unchanged list gives the same bytes and the same ETag).</param>
    public static byte[] Write(string title, DateTimeOffset modified, IReadOnlyList<OpmlGroup> groups)
    {
        using var output = new MemoryStream();
        using (var xml = XmlCharacters.CreateWriter(output, indent: true))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("opml");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteStartElement("head");
            xml.WriteElementString("title", XmlCharacters.Strip(title));
            xml.WriteElementString("dateModified", modified.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture));
            xml.WriteElementString("docs", "http://opml.org/spec2.opml");
            xml.WriteEndElement();
            xml.WriteStartElement("body");
            foreach (var group in groups)
            {
                xml.WriteStartElement("outline");
                xml.WriteAttributeString("text", XmlCharacters.Strip(group.Title));
                foreach (var feed in group.Feeds)
                {
                    xml.WriteStartElement("outline");
                    xml.WriteAttributeString("type", "rss");
                    var feedTitle = XmlCharacters.Strip(feed.Title);
                    xml.WriteAttributeString("text", feedTitle);
                    xml.WriteAttributeString("title", feedTitle);
                    xml.WriteAttributeString("xmlUrl", feed.XmlUrl.AbsoluteUri);
                    xml.WriteAttributeString("htmlUrl", feed.HtmlUrl.AbsoluteUri);
                    xml.WriteEndElement();
                }
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return output.ToArray();
    }
}
