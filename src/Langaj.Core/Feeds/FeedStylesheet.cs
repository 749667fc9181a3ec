using System.ServiceModel.Syndication;
using System.Xml;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Langaj.Core.Feeds;

/// <summary>
/// The XSLT stylesheet (<c>Feeds/feeds.xsl</c>) that RSS and Atom feeds name in an <c>xml-stylesheet</c>
/// processing instruction, so that a feed opened in a browser reads as a page with its subscribe address.
/// Feed readers ignore the instruction.
/// </summary>
public static class FeedStylesheet
{
    /// <summary>Where both hosts serve it, relative to <see cref="FeedsOptions.PublicBaseUrl"/>.</summary>
    public const string Path = "api/feeds.xsl";

    public const string ContentType = "text/xsl; charset=utf-8";

    /// <summary>What a browser is sent a styled feed as: a type it renders through the stylesheet.</summary>
    public const string BrowserContentType = "application/xml; charset=utf-8";

    /// <summary>
    /// The content type to answer a feed in. Chromium shows <c>application/rss+xml</c> and
    /// <c>application/atom+xml</c> as text and never runs their stylesheet, so a browser navigating to one
    /// (its Accept names text/html, which no feed reader asks for) gets the same bytes as
    /// <see cref="BrowserContentType"/>; readers keep the feed's own type. Adds <c>Vary: Accept</c> to a styled feed.
    /// </summary>
    public static string Negotiate(HttpContext context, string feedContentType)
    {
        if (!feedContentType.StartsWith("application/rss+xml", StringComparison.Ordinal) && !feedContentType.StartsWith("application/atom+xml", StringComparison.Ordinal))
        {
            return feedContentType;
        }
        context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Accept);
        // Parsed only when the raw header names text/html at all: a reader's Accept never does.
        var accept = context.Request.Headers.Accept;
        return accept.Any(value => value?.Contains("text/html", StringComparison.OrdinalIgnoreCase) == true)
            && MediaTypeHeaderValue.TryParseList(accept, out var types)
            && types.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            ? BrowserContentType
            : feedContentType;
    }

    /// <summary>An XML feed's bytes: the instruction naming its stylesheet (when it has one), then what the formatter writes.</summary>
    public static byte[] Write(Uri? stylesheet, SyndicationFeedFormatter formatter)
    {
        using var output = new MemoryStream();
        using (var writer = XmlCharacters.CreateWriter(output))
        {
            if (stylesheet is not null)
            {
                writer.WriteStartDocument();
                writer.WriteProcessingInstruction("xml-stylesheet", $"type=\"text/xsl\" href=\"{stylesheet.AbsoluteUri}\"");
            }
            formatter.WriteTo(writer);
        }
        return output.ToArray();
    }
}
