using Ganss.Xss;

namespace Langaj.Core.Extraction;

/// <summary>The allowlist every article body passes through last: structure, emphasis, links, images, tables, code.</summary>
internal static class ArticleSanitizer
{
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
    };

    public static string Sanitize(string html, Uri baseUrl) => Sanitizer.Sanitize(html, baseUrl.AbsoluteUri);
}
