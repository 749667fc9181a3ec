using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Gives loose text a paragraph before sanitizing: the sanitizer unwraps div, section and span, so text sitting
/// directly in them would otherwise run into the next block.
/// </summary>
internal static class Paragraphs
{
    public static void Wrap(IElement root)
    {
        var containers = new List<IElement>();
        var holdingBlocks = new HashSet<IElement>();
        var stack = new Stack<IElement>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            // A hidden element never reaches a reader (ArticleSanitizer), whatever it holds: the shells of discarded ones are many on a big page.
            if (element != root && element.HasAttribute("hidden"))
            {
                continue;
            }

            if (element != root && ReachesOutputAsBlock(element))
            {
                MarkAncestors(element, root, holdingBlocks);
            }

            if (element.LocalName is "p" or "pre" or "li" or "td" or "th" or "figcaption" or "blockquote"
                or "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "table" or "thead" or "tbody" or "tfoot" or "tr" or "ul" or "ol")
            {
                continue;
            }

            if (PlainText.IsBlock(element))
            {
                containers.Add(element);
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

        foreach (var container in containers)
        {
            WrapRuns(container, holdingBlocks);
        }
    }

    /// <summary>
    /// A block that still stands in the sanitized body, or holds paragraphs of its own once wrapped: an inline element
    /// around one cannot go into a paragraph, which would then hold a block (a card link around a heading, say).
    /// </summary>
    private static bool ReachesOutputAsBlock(IElement element) =>
        PlainText.IsBlock(element) && element.LocalName is not ("br" or "hr") && !ArticleSanitizer.Drops(element);

    /// <summary>Marks the ancestors of a block up to the root; a walk stops where an earlier one did.</summary>
    private static void MarkAncestors(IElement block, IElement root, HashSet<IElement> holdingBlocks)
    {
        for (var parent = block.ParentElement; parent is not null && parent != root && holdingBlocks.Add(parent); parent = parent.ParentElement)
        {
        }
    }

    /// <summary>Each run of inline content holding text becomes a &lt;p&gt;.</summary>
    private static void WrapRuns(IElement container, HashSet<IElement> holdingBlocks)
    {
        var document = container.Owner!;
        var run = new List<INode>();
        // A snapshot: wrapping moves nodes, and walking sibling links in AngleSharp costs a search per step.
        var nodes = container.ChildNodes.ToArray();
        for (var i = 0; i <= nodes.Length; i++)
        {
            var node = i < nodes.Length ? nodes[i] : null;
            // What is left of a discarded element (NodeExtensions.Discard) holds nothing and parts no run.
            var isInline = node is IText || (node is IElement element && (element.HasAttribute("hidden")
                || (!PlainText.IsBlock(element) && element.LocalName is not ("table" or "ul" or "ol" or "img") && !holdingBlocks.Contains(element))));
            if (node is not null && isInline)
            {
                run.Add(node);
                continue;
            }

            if (run.Any(n => n.TextContent.AsSpan().ContainsAnyExcept(" \t\r\n\f")))
            {
                var paragraph = document.CreateElement("p");
                container.InsertBefore(paragraph, run[0]);
                foreach (var part in run)
                {
                    paragraph.AppendChild(part);
                }
            }

            run.Clear();
        }
    }
}
