using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
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
            "b", "i", "br", "table", "caption", "thead", "tbody", "tr", "th", "td", "pre", "code", "sub", "sup",
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

    /// <summary>Whether an element goes with its content, never unwrapped.</summary>
    public static bool Drops(IElement element) => Dropped.Contains(element.LocalName);

    /// <summary>Sibling batches stay below this: the sanitizer's time grows with the square of a sibling list.</summary>
    private const int BatchSize = 200;

    /// <summary>
    /// Copies the body through the allowlist into a document of its own (wrappers unwrapped, other attributes and
    /// active elements dropped), then runs the sanitizer over that copy as the last word and serializes it. The copy
    /// is the tree its markup parses to: it holds only allowed elements, nested as the parser nests them (see
    /// <see cref="Paragraphs.Wrap"/>), so nothing is parsed twice. A body of tens of thousands of paragraphs goes
    /// through in batches of whole siblings.
    /// </summary>
    public static string Sanitize(IElement body, Uri baseUrl)
    {
        var document = Parser.Value!.ParseDocument(string.Empty);
        using var output = new StringWriter();
        var batch = NewBatch(document);
        // A null target is the current batch: a batch is flushed only between units, the nodes copied into it directly.
        var stack = new Stack<(INode Node, INode? Target)>();
        var context = TableAround(body, document, batch);
        var children = body.ChildNodes;
        for (var i = children.Length - 1; i >= 0; i--)
        {
            stack.Push((children[i], context));
        }

        while (stack.Count > 0)
        {
            var (node, target) = stack.Pop();
            if (target is null && batch.ChildNodes.Length >= BatchSize)
            {
                Flush(document, batch, baseUrl, output);
                batch = NewBatch(document);
            }

            var parent = target ?? batch;
            if (node is IText text)
            {
                // Text made from data rather than markup (a declared body) keeps the line ends parsing would have folded.
                Add(parent, document.CreateTextNode(text.Data.Contains('\r', StringComparison.Ordinal) ? text.Data.ReplaceLineEndings("\n") : text.Data));
            }
            else if (node is IElement element && !Dropped.Contains(element.LocalName) && !element.HasAttribute("hidden"))
            {
                // Hidden elements, the shells of discarded ones among them (NodeExtensions.Discard), never reach a reader.
                var copy = Sanitizer.AllowedTags.Contains(element.LocalName) ? Add(parent, Copy(document, element)) : target;
                var nested = element.ChildNodes;
                for (var i = nested.Length - 1; i >= 0; i--)
                {
                    stack.Push((nested[i], copy));
                }
            }
        }

        Flush(document, batch, baseUrl, output);
        return output.ToString();
    }

    /// <summary>
    /// The table a body that is part of one (the locator may settle on a table, a row group or a row) keeps around its
    /// children, so that its rows and cells stay rows and cells; null for any other body. Such a body goes as one batch.
    /// </summary>
    private static IElement? TableAround(IElement body, IDocument document, IElement batch)
    {
        if (body.LocalName is not ("table" or "thead" or "tbody" or "tfoot" or "tr"))
        {
            return null;
        }

        var table = Add(batch, document.CreateElement("table"));
        return body.LocalName switch
        {
            "table" => table,
            "tr" => Add(Add(table, document.CreateElement("tbody")), document.CreateElement("tr")),
            _ => Add(table, document.CreateElement(body.LocalName)),
        };
    }

    /// <summary>A batch stays out of the document's tree: each node appended to a connected one is announced to the whole document.</summary>
    private static IHtmlElement NewBatch(IHtmlDocument document) => (IHtmlElement)document.CreateElement("div");

    private static void Flush(IHtmlDocument document, IHtmlElement batch, Uri baseUrl, TextWriter output)
    {
        Sanitizer.SanitizeDom(document, batch, baseUrl.AbsoluteUri);
        batch.ChildNodes.ToHtml(output, Sanitizer.OutputFormatter);
    }

    /// <summary>
    /// Appends as the parser builds a tree: AppendChild would also run the steps inserting into a live document
    /// takes (a walk of the new node's subtree for elements that load when connected), an allocation per node here.
    /// </summary>
    private static T Add<T>(INode parent, T child)
        where T : INode
    {
        ((Node)parent).AddNode((Node)(INode)child);
        return child;
    }

    private static IElement Copy(IDocument document, IElement element)
    {
        var copy = document.CreateElement(element.LocalName);
        if (Kept.TryGetValue(element.LocalName, out var attributes))
        {
            foreach (var name in attributes)
            {
                if (element.GetAttribute(name) is { } value)
                {
                    copy.SetAttribute(name, value);
                }
            }
        }

        return copy;
    }
}
