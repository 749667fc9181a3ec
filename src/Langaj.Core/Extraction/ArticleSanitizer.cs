using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Ganss.Xss;

namespace Langaj.Core.Extraction;

/// <summary>The allowlist every article body passes through last: structure, emphasis, links, images, tables, code.</summary>
internal static class ArticleSanitizer
{
    // Positions are never read: not tracking them spares an allocation per element.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions { SkipComments = true, DisableElementPositionTracking = true }));

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


    /// <summary>Elements whose content is dropped with them, never unwrapped.</summary>
    private static readonly HashSet<string> Dropped = new(StringComparer.OrdinalIgnoreCase)
    {
        "script", "style", "template", "iframe", "object", "embed", "svg", "math", "noscript", "form", "input", "button", "select",
        "textarea", "option", "head", "title", "meta", "link", "base", "frame", "frameset", "canvas", "audio", "video", "source", "track",
    };

    /// <summary>Attributes worth keeping per element, a subset of what the sanitizer allows.</summary>
    private static readonly Dictionary<string, string[]> Kept = new(StringComparer.OrdinalIgnoreCase)
    {
        ["a"] = ["href"],
        ["img"] = ["src", "srcset", "alt", "width", "height"],
    };

    /// <summary>Sibling batches stay below this: the sanitizer's serializer grows with the square of a sibling list.</summary>
    private const int BatchSize = 200;

    /// <summary>
    /// Writes the body through the allowlist (wrappers unwrapped, other attributes and active elements dropped), then
    /// runs the sanitizer over that as the last word. The sanitizer then parses a short, plain fragment instead of
    /// the page's markup; a body of tens of thousands of paragraphs goes through in batches of whole siblings.
    /// </summary>
    public static string Sanitize(IElement body, Uri baseUrl)
    {
        var output = new StringBuilder();
        var batch = new StringBuilder();
        var units = 0;
        // An entry with no node closes the element it names: its end tag is written when the walk comes back to it.
        var stack = new Stack<(INode? Node, IElement? Closing, int Depth)>();
        var children = body.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], null, 0));
        }

        while (stack.Count > 0)
        {
            var (node, closing, depth) = stack.Pop();
            var length = batch.Length;
            if (node is null)
            {
                batch.Append("</").Append(closing!.LocalName).Append('>');
            }
            else if (node is IText text)
            {
                AppendEscaped(batch, text.Data, inAttribute: false);
            }
            else if (node is IElement element && !Dropped.Contains(element.LocalName) && !element.HasAttribute("hidden"))
            {
                // Hidden elements, the shells of discarded ones among them (NodeExtensions.Discard), never reach a reader.
                var allowed = Sanitizer.AllowedTags.Contains(element.LocalName);
                if (allowed)
                {
                    OpenTag(batch, element);
                    if (element.LocalName is not ("img" or "br"))
                    {
                        stack.Push((null, element, depth));
                    }
                }

                var nested = element.ChildNodes;
                var childDepth = allowed ? depth + 1 : depth;
                for (var i = nested.Length - 1; i >= 0; i--)
                {
                    stack.Push((nested[i], null, childDepth));
                }
            }

            // A unit ends when the writer is back at the body's level with nothing open: batches split only there.
            if (batch.Length > length && (stack.Count == 0 || stack.Peek().Depth == 0 && stack.Peek().Node is not null) && ++units == BatchSize)
            {
                output.Append(Sanitizer.Sanitize(batch.ToString(), baseUrl.AbsoluteUri));
                batch.Clear();
                units = 0;
            }
        }

        if (batch.Length > 0)
        {
            output.Append(Sanitizer.Sanitize(batch.ToString(), baseUrl.AbsoluteUri));
        }

        return output.ToString();
    }

    private static void OpenTag(StringBuilder output, IElement element)
    {
        output.Append('<').Append(element.LocalName);
        if (Kept.TryGetValue(element.LocalName, out var attributes))
        {
            foreach (var name in attributes)
            {
                if (element.GetAttribute(name) is { } value)
                {
                    output.Append(' ').Append(name).Append("=\"");
                    AppendEscaped(output, value, inAttribute: true);
                    output.Append('"');
                }
            }
        }

        output.Append('>');
    }

    private static void AppendEscaped(StringBuilder output, string text, bool inAttribute)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '"' when inAttribute:
                    output.Append("&quot;");
                    break;
                case '&':
                    output.Append("&amp;");
                    break;
                case '<':
                    output.Append("&lt;");
                    break;
                case '>':
                    output.Append("&gt;");
                    break;
                default:
                    output.Append(c);
                    break;
            }
        }
    }
}
