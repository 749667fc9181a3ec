using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// First cleaning pass, before any scoring: drops what is never article text (scripts, forms controls, embeds,
/// hidden elements, navigation landmarks, elements named like furniture) and brings back images hidden in &lt;noscript&gt;.
/// </summary>
internal static class Pruner
{
    /// <summary>Text beyond this in a &lt;noscript&gt; is content, not a "please enable JavaScript" notice.</summary>
    private const int NoscriptArticle = 500;

    /// <summary>An ad slot's wrapper holds the ad unit and at most a short label ("Publicité", the site's name) besides it.</summary>
    private const int SlotLabel = 60;

    /// <summary>
    /// The page's prune: the source's remove selectors first, then sure furniture under the source's content
    /// selector's element (when it matches) or the whole body.
    /// </summary>
    public static PrunedPage Prune(IElement body, ExtractionRules rules)
    {
        foreach (var selector in rules.RemoveSelectors)
        {
            foreach (var element in body.QuerySelectorAll(selector).ToList())
            {
                element.Discard();
            }
        }

        var chosen = rules.ContentSelector is { Length: > 0 } contentSelector ? body.QuerySelector(contentSelector) : null;
        var root = chosen ?? body;
        return new PrunedPage(root, chosen is not null, Prune(root));
    }

    /// <summary>Removes sure furniture under the root; returns the elements only named like furniture (or like a comment thread), for the caller to judge by their text.</summary>
    public static Dictionary<IElement, NameHint> Prune(IElement root)
    {
        var doomed = new List<IElement>();
        var unlikely = new Dictionary<IElement, NameHint>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            var verdict = ReferenceEquals(element, root) ? NameHint.None : Judge(element);
            if (!ReferenceEquals(element, root) && IsAdUnit(element))
            {
                doomed.Add(AdSlot(element, root));
                continue;
            }

            if (verdict is NameHint.Unlikely or NameHint.Thread)
            {
                unlikely[element] = verdict;
            }
            else if (verdict == NameHint.Junk)
            {
                if (element.LocalName == "noscript")
                {
                    RescueImage(element);
                }

                // Some blogs render posts with script and put the article itself in <noscript>: that one stays.
                if (element.LocalName != "noscript" || element.TextContent.Length <= NoscriptArticle)
                {
                    doomed.Add(element);
                    continue;
                }
            }

            var children = element.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--)
            {
                if (children[c] is IElement child)
                {
                    stack.Push(child);
                }
            }
        }

        foreach (var element in doomed)
        {
            element.Discard();
        }

        return unlikely;
    }

    /// <summary>An ad network's unit (AdSense's &lt;ins class="adsbygoogle"&gt;, any element carrying an ad client or slot id): markup, not a name.</summary>
    private static bool IsAdUnit(IElement element) =>
        element.HasAttributes() && (element.HasAttribute("data-ad-client") || element.HasAttribute("data-ad-slot")
            || (element.LocalName == "ins" && element.ClassList.Contains("adsbygoogle")));

    /// <summary>
    /// The whole slot an ad unit sits in: its wrappers up to the last one holding little visible text besides the unit,
    /// so the slot's label goes with it whatever it says ("Publicité", "Anzeige", the site's own name).
    /// </summary>
    private static IElement AdSlot(IElement unit, IElement root)
    {
        var slot = unit;
        for (var parent = unit.ParentElement; parent is not null && !ReferenceEquals(parent, root) && VisibleLength(parent) <= SlotLabel; parent = parent.ParentElement)
        {
            slot = parent;
        }

        return slot;
    }

    /// <summary>
    /// The folded length of the text under an element, scripts and styles left out, stopping once past the slot label's
    /// length: walked node by node, so a wrapper of the whole article costs a few nodes, not all its children.
    /// </summary>
    private static int VisibleLength(IElement element)
    {
        var length = 0;
        var node = element.FirstChild;
        while (node is not null && length <= SlotLabel)
        {
            if (node is IText text)
            {
                length += PlainText.FoldedLength(text.Data);
            }
            else if (node.FirstChild is { } child && node is not IElement { LocalName: "script" or "style" or "noscript" or "template" })
            {
                node = child;
                continue;
            }

            while (node is not null && node.NextSibling is null)
            {
                node = ReferenceEquals(node.Parent, element) ? null : node.Parent;
            }

            node = node?.NextSibling;
        }

        return length;
    }

    internal static NameHint Judge(IElement element)
    {
        if (element.LocalName == "aside")
        {
            // Asides are sidebars, except on the sites that put the article in one: the text decides.
            return NameHint.Unlikely;
        }

        if (BoilerplateHints.JunkTags.Contains(element.LocalName))
        {
            return NameHint.Junk;
        }

        // Page headers and footers are furniture, but some sites wrap the whole page in one: the text decides.
        if (element.LocalName is "header" or "footer")
        {
            return element.HasAttributes() && BoilerplateHints.IsHidden(element) ? NameHint.Junk : NameHint.Unlikely;
        }

        if (!element.HasAttributes())
        {
            return NameHint.None;
        }

        if (BoilerplateHints.IsHidden(element))
        {
            return NameHint.Junk;
        }

        // Landmark roles say furniture, but broken pages leave the whole article inside one: the text decides.
        if (element.GetAttribute("role") is { } role && BoilerplateHints.JunkRoles.Contains(role))
        {
            return NameHint.Unlikely;
        }

        // Links and inline markup keep their text: a class on a link says little about the paragraph around it.
        // A paragraph or a span named as a caption, a credit or a breadcrumb is one, though.
        return element.LocalName switch
        {
            "span" or "p" => ClassNames.Judge(element, linesOnly: true),
            "a" or "b" or "strong" or "i" or "em" or "img" or "body" or "main" => NameHint.None,
            _ => ClassNames.Judge(element),
        };
    }

    /// <summary>Lazy-loading pages put the real image in &lt;noscript&gt;: give it to the placeholder next to it, or put it in place.</summary>
    private static void RescueImage(IElement noscript)
    {
        var image = noscript.QuerySelector("img");
        if (image?.GetAttribute("src") is not { Length: > 0 } src)
        {
            return;
        }

        var previous = noscript.PreviousElementSibling;
        if (previous?.LocalName == "img")
        {
            if (!Images.HasRealSource(previous))
            {
                previous.SetAttribute("src", src);
            }

            return;
        }

        noscript.Parent?.InsertBefore(image, noscript);
    }
}

/// <summary>What the prune leaves to search: the source's content selector's element (<see cref="BySelector"/>) or the body, and the elements only named like furniture in it.</summary>
internal sealed record PrunedPage(IElement Root, bool BySelector, IReadOnlyDictionary<IElement, NameHint> Named);
