using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Drops what trimming orphans at the end of a body: a heading or a "Contact:"-style lead-in whose box was
/// removed ("Weitere Informationen:", "À lire aussi", "Related").
/// </summary>
internal static class Tail
{
    /// <summary>A heading or a lead-in longer than this is a sentence of the text set in bold, not the title of a removed box.</summary>
    private const int MaximumLeadIn = 150;

    private const int MaximumDrops = 5;

    public static void Trim(IElement root)
    {
        for (var i = 0; i < MaximumDrops; i++)
        {
            var last = LastBlock(root);
            if (last is null || ReferenceEquals(last, root))
            {
                return;
            }

            var text = PlainText.Fold(last.TextContent);
            var orphan = text.Length <= MaximumLeadIn && (last.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6" || text.EndsWith(':'));
            if (!orphan)
            {
                return;
            }

            last.Remove();
        }
    }

    /// <summary>
    /// Short first lines before the prose are furniture: a kicker, a category, or a dateline (a date, a time, a reading
    /// time, often with the author's name: "Von Claudia Riedler 19. Oktober 2019 00:04 Uhr", "Feb 8, 2020 5 min read").
    /// A lead-in ending with a colon and a salutation ending with a comma ("Liebe Leser,") open the text and stay.
    /// </summary>
    public static void TrimHead(IElement root)
    {
        for (var i = 0; i < MaximumDrops; i++)
        {
            var first = FirstBlock(root);
            if (first is null || ReferenceEquals(first, root))
            {
                return;
            }

            var text = PlainText.Fold(first.TextContent);
            var kicker = text.Length <= ShortHead && !text.EndsWith(':') && !text.EndsWith(',') && first.LocalName is not ("h2" or "h3" or "h4" or "h5" or "h6" or "li");
            if (!kicker && !(text.Length <= MaximumDateline && IsDateline(text)))
            {
                return;
            }

            first.Remove();
        }
    }

    private const int ShortHead = 25;

    /// <summary>A dateline with an author and a place stays under this length; a sentence that mentions a date runs longer.</summary>
    private const int MaximumDateline = 80;

    /// <summary>A full date (a year with a day) or a clock time, or a reading time.</summary>
    private static bool IsDateline(string text)
    {
        var numbers = 0;
        var year = false;
        var time = false;
        for (var i = 0; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                continue;
            }

            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            numbers++;
            year |= i - start == 4 && text.AsSpan(start, 2) is "19" or "20";
            time |= i - start <= 2 && i + 2 < text.Length && text[i] == ':' && char.IsAsciiDigit(text[i + 1]) && char.IsAsciiDigit(text[i + 2]);
        }

        return (year && numbers >= 2) || time || BoilerplateHints.IsReadingTime(text);
    }

    private static IElement? FirstBlock(IElement root)
    {
        var stack = new Stack<INode>();
        stack.Push(root);
        IText? found = null;
        while (stack.Count > 0 && found is null)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                if (text.Data.AsSpan().ContainsAnyExcept(" \t\r\n\f"))
                {
                    found = text;
                }

                continue;
            }

            if (node is IElement element && element.LocalName is "figure" or "figcaption")
            {
                continue;
            }

            var children = node.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--)
            {
                stack.Push(children[c]);
            }
        }

        for (var parent = found?.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (ReferenceEquals(parent, root) || PlainText.IsBlock(parent) || parent.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>The block element holding the last text under the root.</summary>
    private static IElement? LastBlock(IElement root)
    {
        var node = LastText(root);
        for (var parent = node?.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (ReferenceEquals(parent, root) || PlainText.IsBlock(parent) || parent.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6")
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>The last text node with visible text, found walking backwards without recursion.</summary>
    private static IText? LastText(IElement root)
    {
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                if (text.Data.AsSpan().ContainsAnyExcept(" \t\r\n\f"))
                {
                    return text;
                }

                continue;
            }

            if (node is IElement element && element.LocalName is "figure" or "figcaption")
            {
                continue;
            }

            var children = node.ChildNodes;
            for (var c = 0; c < children.Length; c++)
            {
                stack.Push(children[c]);
            }
        }

        return null;
    }
}
