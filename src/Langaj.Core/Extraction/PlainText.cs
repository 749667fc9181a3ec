using System.Buffers;
using System.Collections.Frozen;
using System.Text;
using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Renders an element as plain text: one paragraph per block, blocks separated by one blank line,
/// runs of ASCII white space folded to one space, French non-breaking spaces (U+00A0, U+202F) kept.
/// </summary>
internal static class PlainText
{
    /// <summary>Elements that start and end a line when rendered.</summary>
    public static readonly FrozenSet<string> BlockTags = FrozenSet.Create(StringComparer.OrdinalIgnoreCase,
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html",
        "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul", "br",
        "legend", "noscript", "picture", "video", "audio", "iframe", "option", "select", "textarea", "marquee");

    public static bool IsBlock(IElement element) => BlockTags.Contains(element.LocalName);

    /// <summary>Whether a character is white space that HTML folds (ASCII only: non-breaking spaces are typography).</summary>
    public static bool IsFoldable(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    /// <summary>
    /// Zero-width spaces, word joiners and stray byte-order marks carry nothing: plain text drops them. Soft hyphens
    /// stay, as published: they are part of the words and tell a reader where a long word may break.
    /// </summary>
    public static bool IsInvisible(char c) => c is '\u200B' or '\u2060' or '\uFEFF';

    /// <summary>Length of a text once its white space runs are folded, edges included as one space.</summary>
    public static int FoldedLength(string text)
    {
        var length = 0;
        var inSpace = true;
        foreach (var c in text)
        {
            if (IsFoldable(c))
            {
                inSpace = true;
                continue;
            }

            if (inSpace && length > 0)
            {
                length++;
            }

            inSpace = false;
            length++;
        }

        return length;
    }

    /// <summary>The text of an element; figure captions and credits are left out unless asked for.</summary>
    public static string Render(IElement root, bool figures = false) => string.Join("\n\n", Blocks(root, figures));

    public static List<string> Blocks(IElement root, bool figures = false)
    {
        var blocks = new List<string>();
        var line = new StringBuilder();
        // Walked without recursion: a null entry marks the end of a block element.
        var stack = new Stack<(INode? Node, bool Block)>();
        stack.Push((root, true));
        while (stack.Count > 0)
        {
            var (node, block) = stack.Pop();
            if (node is null)
            {
                if (block)
                {
                    Flush(line, blocks);
                }

                continue;
            }

            switch (node)
            {
                case IText text:
                    Append(line, text.Data);
                    break;
                case IElement element when !figures && (element.LocalName == "figcaption" || (element.LocalName == "figure" && element.QuerySelector("table") is null)):
                    // Captions and photo credits describe an image, which the HTML keeps; they are not prose of the article.
                    // A figure holding a table is the table (comparison sites wrap theirs): only its caption goes.
                    break;
                case IElement element when element.HasAttribute("hidden"):
                    // What is left of a discarded element (NodeExtensions.Discard): no text, and no break in the text around it.
                    break;
                case IElement element when element.LocalName is "rt" or "rp":
                    // Ruby annotations spell out how a word is read (furigana); the text is the word, which the HTML keeps annotated.
                    break;
                case IElement element:
                    var isBlock = IsBlock(element);
                    if (element.LocalName is "td" or "th")
                    {
                        AppendSpace(line);
                    }

                    if (isBlock)
                    {
                        Flush(line, blocks);
                    }

                    stack.Push((null, isBlock));
                    var children = element.ChildNodes;
                    for (var i = children.Length - 1; i >= 0; i--)
                    {
                        stack.Push((children[i], false));
                    }

                    break;
            }
        }

        Flush(line, blocks);
        return blocks;
    }

    /// <summary>Folds white space inside a string and trims it: for titles, labels and metadata.</summary>
    public static string Fold(string text)
    {
        var builder = new StringBuilder(text.Length);
        Append(builder, text);
        return builder.ToString().Trim(' ');
    }

    /// <summary>What <see cref="Append"/> does not copy as it is: folded white space and invisible characters.</summary>
    private static readonly SearchValues<char> FoldableOrInvisible = SearchValues.Create(" \t\n\r\f\u200B\u2060\uFEFF");

    /// <summary>Appends text with its white space folded and its invisible characters dropped, copying the runs between them whole.</summary>
    private static void Append(StringBuilder line, string data)
    {
        var rest = data.AsSpan();
        while (rest.Length > 0)
        {
            var stop = rest.IndexOfAny(FoldableOrInvisible);
            if (stop < 0)
            {
                line.Append(rest);
                return;
            }

            line.Append(rest[..stop]);
            if (IsFoldable(rest[stop]))
            {
                AppendSpace(line);
            }

            rest = rest[(stop + 1)..];
        }
    }

    // Reading the last character of a StringBuilder is cheap only while it holds one chunk, which block lines do;
    // a pathological single block of megabytes still stays linear because Append only looks at the end.
    private static void AppendSpace(StringBuilder line)
    {
        if (line.Length > 0 && line[^1] != ' ')
        {
            line.Append(' ');
        }
    }

    private static void Flush(StringBuilder line, List<string> blocks)
    {
        if (line.Length > 0 && line[^1] == ' ')
        {
            line.Length--;
        }

        if (line.Length > 0)
        {
            // A block of non-breaking spaces only is a spacer, not a paragraph.
            var block = line.ToString();
            if (!string.IsNullOrWhiteSpace(block))
            {
                blocks.Add(block);
            }
        }

        line.Clear();
    }
}
