using System.Buffers;
using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// The end of a body. Before trimming, cuts it at a lead-in that opens what pages put after the article ("Related",
/// "About the author", "Was this article helpful?"). After trimming, drops what is left orphaned at the end: a heading
/// or a "Contact:"-style lead-in whose box was removed, and the closing lines pages put after the article in the same
/// box (a "posted in" line, a call to subscribe, a rights notice, a "back to the list" link).
/// </summary>
internal static class Tail
{
    /// <summary>A heading or a lead-in longer than this is a sentence of the text set in bold, not the title of a removed box.</summary>
    private const int MaximumLeadIn = 150;

    private const int MaximumDrops = 5;

    /// <summary>A short line that is mostly a link ("Back to the list", "Next: the word choice") points away from the article.</summary>
    private const int MaximumLinkLine = 100;

    /// <summary>A closing line (a date and category line, a call to subscribe, a rights notice) is at most a short paragraph.</summary>
    private const int MaximumClosing = 300;

    /// <summary>A metadata line says when, where and under which topics the article was filed, and may list them all.</summary>
    private const int MaximumMetadata = 500;

    /// <summary>A lead-in is a heading or a short line, not a paragraph that happens to begin the same way.</summary>
    private const int MaximumEndMarker = 80;

    /// <summary>What follows an end marker is teasers, a bio or a widget when it is this short...</summary>
    private const int MaximumAfterEnd = 1500;

    /// <summary>...and at most this share of the body: a lead-in in the middle of the text is the text's own.</summary>
    private const double MaximumAfterEndShare = 0.3;

    /// <summary>Characters that are not text: a node of only these is empty.</summary>
    private static readonly SearchValues<char> Blank = SearchValues.Create(" \t\r\n\f\u00A0");

    /// <summary>
    /// Cuts the body at a lead-in that closes the article ("Related", "About the author", "Was this article helpful?")
    /// when little text follows it: what follows is teasers of other articles, a bio or a widget, not the article.
    /// Whether anything went.
    /// </summary>
    public static bool Cut(IElement root)
    {
        var blocks = new BlocksFromEnd(root);
        var after = 0;
        var cutAt = -1;
        for (var k = 0; blocks.Has(k) && after <= MaximumAfterEnd && blocks.IsWithinShare(after, MaximumAfterEndShare); k++)
        {
            var (block, length) = blocks[k];
            if (length <= MaximumEndMarker && !ReferenceEquals(block, root))
            {
                var text = PlainText.Fold(block.TextContent);
                if (text.Length <= MaximumEndMarker && BoilerplateHints.IsEndMarker(text))
                {
                    cutAt = k;
                }
            }

            after += length;
        }

        if (cutAt < 0)
        {
            return false;
        }

        var cut = blocks[cutAt].Block;
        var box = BoxOf(cut, cutAt, blocks, root);
        if (!BoilerplateHints.IsWholeEndMarker(PlainText.Fold(cut.TextContent)) && IsFollowedByProse(box, cutAt, blocks))
        {
            // A heading that only starts like a lead-in, with the article going on after it: its words alone do not close it. A box it opens (a related list
            // in the middle) is furniture; a bare heading is the text's own.
            if (ReferenceEquals(box, cut))
            {
                return false;
            }

            box.Discard();
            return true;
        }

        // The cut is under the root: everything after it, up to the root's end, goes.
        for (var node = cut; !ReferenceEquals(node, root); node = node.ParentElement!)
        {
            // By index from the end: walking sibling links in AngleSharp costs a search per step.
            var siblings = node.Parent!.ChildNodes;
            for (var i = siblings.Length - 1; i >= 0 && !ReferenceEquals(siblings[i], node); i--)
            {
                siblings[i].Discard();
            }
        }

        cut.Discard();
        return true;
    }

    /// <summary>A prose block after the lead-in's box, with links on under this share of the text after it, says the article goes on.</summary>
    private const double TeaserLinks = 0.3;

    /// <summary>The box a lead-in opens: its highest ancestor under the root that holds no prose before it.</summary>
    private static IElement BoxOf(IElement cut, int cutAt, BlocksFromEnd blocks, IElement root)
    {
        var box = cut;
        for (var parent = cut.ParentElement; parent is not null && !ReferenceEquals(parent, root); parent = parent.ParentElement)
        {
            for (var k = cutAt + 1; blocks.Has(k) && parent.Contains(blocks[k].Block); k++)
            {
                if (blocks[k].Length >= MaximumEndMarker)
                {
                    return box;
                }
            }

            box = parent;
        }

        return box;
    }

    /// <summary>Whether prose of the article's own follows the box: a paragraph, with few links in all that follows (teasers are links).</summary>
    private static bool IsFollowedByProse(IElement box, int cutAt, BlocksFromEnd blocks)
    {
        var text = 0;
        var linked = 0;
        var prose = false;
        for (var k = cutAt - 1; k >= 0; k--)
        {
            var (block, length) = blocks[k];
            if (box.Contains(block))
            {
                continue;
            }

            var links = LinkLength(block);
            text += length;
            linked += Math.Min(links, length);
            prose |= length >= MaximumEndMarker && links == 0;
        }

        return prose && linked < text * TeaserLinks;
    }

    /// <summary>
    /// The blocks under a root, each with the length of the text it holds itself (a run of its own text nodes in page
    /// order), from the last one back, walked only as far as they are read: a cut reads the last few thousand
    /// characters of a body that may hold millions.
    /// </summary>
    private sealed class BlocksFromEnd
    {
        private readonly List<(IElement Block, int Length)> read = [];

        // Children go on in page order, so the walk meets text nodes from the last one back.
        private readonly Stack<(INode Node, IElement Block)> pending = new();

        // The block whose text is being summed: it is read once text of another block comes, or the walk ends.
        private (IElement Block, int Length)? open;

        // The length of the text walked so far: at most the whole, and the whole once the walk has ended.
        private int walked;

        public BlocksFromEnd(IElement root) => pending.Push((root, root));

        /// <summary>The k-th block from the end, once <see cref="Has"/> said there is one.</summary>
        public (IElement Block, int Length) this[int k] => read[k];

        /// <summary>Whether there is a k-th block from the end, walking as far as it takes to know.</summary>
        public bool Has(int k)
        {
            while (read.Count <= k && Step())
            {
            }

            return read.Count > k;
        }

        /// <summary>Whether <paramref name="length"/> is at most this share of all the text, walking only as far as it takes to know.</summary>
        public bool IsWithinShare(int length, double share)
        {
            while (length > walked * share && Step())
            {
            }

            return length <= walked * share;
        }

        /// <summary>Walks on to the next text node that holds text, or reads the last open block; false once all is read.</summary>
        private bool Step()
        {
            while (pending.Count > 0)
            {
                var (node, block) = pending.Pop();
                if (node is IText text)
                {
                    var length = PlainText.FoldedLength(text.Data);
                    if (length <= 1)
                    {
                        continue;
                    }

                    walked += length;
                    if (open is { } current && ReferenceEquals(current.Block, block))
                    {
                        open = (block, current.Length + length);
                    }
                    else
                    {
                        if (open is { } finished)
                        {
                            read.Add(finished);
                        }

                        open = (block, length);
                    }

                    return true;
                }

                if (node is IElement element && PlainText.IsBlock(element))
                {
                    block = element;
                }

                var children = node.ChildNodes;
                for (var c = 0; c < children.Length; c++)
                {
                    pending.Push((children[c], block));
                }
            }

            if (open is { } last)
            {
                read.Add(last);
                open = null;
                return true;
            }

            return false;
        }
    }

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
            if ((text.Length <= MaximumLeadIn && last.LocalName is "h1" or "h2" or "h3" or "h4" or "h5" or "h6") || IsClosing(text, LinkLength(last)))
            {
                last.Discard();
            }
            else if (!DropLastLine(last))
            {
                return;
            }
        }
    }

    /// <summary>Whether a line at the end of a body closes the article rather than belongs to it.</summary>
    private static bool IsClosing(string text, int linkLength) =>
        (text.Length <= MaximumLeadIn && text.EndsWith(':'))
        || ((text.Length <= BoilerplateHints.ShortLine || linkLength > 0) && text.Length <= MaximumClosing && BoilerplateHints.IsClosingLine(text))
        || (text.Length <= MaximumMetadata && BoilerplateHints.IsMetadataLine(text))
        || (text.Length <= MaximumLinkLine && linkLength * 5 >= text.Length * 4);

    /// <summary>
    /// Drops the last line of a block whose lines are separated by line breaks when that line closes the article
    /// (old pages put the whole text, "read more" link and date line included, in one paragraph).
    /// </summary>
    private static bool DropLastLine(IElement block)
    {
        var nodes = block.ChildNodes;
        var textAfter = false;
        for (var c = nodes.Length - 1; c >= 0; c--)
        {
            if (nodes[c] is IElement { LocalName: "br" })
            {
                if (!textAfter)
                {
                    continue;
                }

                var line = Enumerable.Range(c + 1, nodes.Length - c - 1).Select(n => nodes[n]).ToList();
                var text = PlainText.Fold(string.Concat(line.Select(n => n.TextContent)));
                if (!IsClosing(text, line.OfType<IElement>().Sum(LinkLength)))
                {
                    return false;
                }

                foreach (var node in line)
                {
                    node.Discard();
                }

                return true;
            }

            textAfter |= nodes[c].TextContent.AsSpan().ContainsAnyExcept(Blank);
        }

        return false;
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
            // A short sentence ("Le vote est acquis.") opens the text; a kicker or a category has no final punctuation.
            var kicker = text.Length <= ShortHead && !text.EndsWith(':') && !text.EndsWith(',') && !EndsSentence(text) && first.LocalName is not ("h2" or "h3" or "h4" or "h5" or "h6" or "li");
            if (!kicker && !(text.Length <= MaximumDateline && IsDateline(text)))
            {
                return;
            }

            first.Discard();
        }
    }

    private const int ShortHead = 25;

    private static bool EndsSentence(string text) =>
        text.TrimEnd('»', '"', '”', '’', ')', ' ', '\u00A0') is [.., '.' or '!' or '?' or '…'];

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

    private static int LinkLength(IElement block) =>
        block.LocalName == "a" ? PlainText.Fold(block.TextContent).Length : block.QuerySelectorAll("a").Sum(a => PlainText.Fold(a.TextContent).Length);

    /// <summary>The block element holding the last text under the root.</summary>
    private static IElement? LastBlock(IElement root)
    {
        var node = LastText(root);
        IElement? outermost = null;
        for (var parent = node?.ParentElement; parent is not null; parent = parent.ParentElement)
        {
            if (ReferenceEquals(parent, root))
            {
                // Inline markup straight in the body (a "back to the list" link) stands for its own line.
                return outermost ?? root;
            }

            if (PlainText.IsBlock(parent))
            {
                return parent;
            }

            outermost = parent;
        }

        return null;
    }

    /// <summary>The last text node with visible text (a paragraph holding only a non-breaking space is a spacer), found walking backwards without recursion.</summary>
    private static IText? LastText(IElement root)
    {
        var stack = new Stack<INode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                if (text.Data.AsSpan().ContainsAnyExcept(Blank))
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
