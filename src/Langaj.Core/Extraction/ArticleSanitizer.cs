using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Langaj.Core.Extraction;

/// <summary>The allowlist every article body passes through last: structure, emphasis, links, images, tables, code.</summary>
internal static class ArticleSanitizer
{
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions { SkipComments = true }));

    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "figure", "figcaption", "img", "a", "em", "strong",
            "b", "i", "br", "table", "thead", "tbody", "tr", "th", "td", "pre", "code", "sub", "sup",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "src", "srcset", "alt", "width", "height", "href" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "src", "href" },
        UriListAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "srcset" },
        AllowedCssProperties = new HashSet<string>(),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
        AllowedClasses = new HashSet<string>(),
    })
    {
        // Disallowed wrappers (div, span, section...) give their content back; dangerous elements were removed before.
        KeepChildNodes = true,
        // Without CSS support every style is dropped, which the allowlist wants anyway, and parsing is cheaper.
        HtmlParserFactory = () => Parser.Value!,
    };


    /// <summary>Up to this many children a body is serialized in one go.</summary>
    private const int BatchSize = 200;

    /// <summary>
    /// Serializes a body and sanitizes it. Serializers walk sibling lists in a way that grows with the square of
    /// their length, so a body of tens of thousands of paragraphs goes through in batches of well-formed siblings,
    /// each as safe on its own as the whole would be.
    /// </summary>
    public static string Sanitize(IElement body, Uri baseUrl)
    {
        var children = body.ChildNodes;
        if (children.Length <= BatchSize)
        {
            return Sanitizer.Sanitize(body.InnerHtml, baseUrl.AbsoluteUri);
        }

        var output = new StringBuilder();
        var batch = new StringBuilder();
        for (var i = 0; i < children.Length; i += BatchSize)
        {
            batch.Clear();
            for (var j = i; j < Math.Min(i + BatchSize, children.Length); j++)
            {
                batch.Append(children[j] is IElement element ? element.OuterHtml : HtmlText(children[j].TextContent));
            }

            output.Append(Sanitizer.Sanitize(batch.ToString(), baseUrl.AbsoluteUri));
        }

        return output.ToString();
    }

    private static string HtmlText(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
            .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\u00A0", "&nbsp;", StringComparison.Ordinal);
}
