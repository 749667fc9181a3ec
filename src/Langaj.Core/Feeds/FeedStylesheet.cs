using System.Xml;
using Langaj.Core.Api;

namespace Langaj.Core.Feeds;

/// <summary>
/// The XSLT stylesheet (<c>Feeds/feeds.xsl</c>) that RSS and Atom feeds name in an <c>xml-stylesheet</c>
/// processing instruction, so that a feed opened in a browser reads as a page with its subscribe address.
/// Feed readers ignore the instruction.
/// </summary>
public static class FeedStylesheet
{
    /// <summary>Where both hosts serve it, relative to <see cref="FeedOptions.PublicBaseUrl"/>.</summary>
    public const string Path = "api/feeds.xsl";

    public const string ContentType = "text/xsl; charset=utf-8";

    public static ShippedFile File { get; } = ShippedFile.Load("feeds.xsl", ContentType);

    /// <summary>Writes the XML declaration and the instruction naming <paramref name="href"/>, before the feed's root element.</summary>
    public static void WriteReference(XmlWriter writer, Uri href)
    {
        writer.WriteStartDocument();
        writer.WriteProcessingInstruction("xml-stylesheet", $"type=\"text/xsl\" href=\"{href.AbsoluteUri}\"");
    }
}
