using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Finds the element that holds the article and trims what does not belong in it, from one bottom-up pass of
/// text statistics. Text is credited to its nearest block: a block of real prose (long enough, few links)
/// counts as article text, a block mostly made of links counts as furniture. The article is the element
/// whose prose outweighs its furniture the most; semantic markup (article, main, itemprop=articleBody,
/// content-like class names) tips the balance, never decides alone.
/// </summary>
internal sealed class ContentFinder
{
    /// <summary>A block needs this much text to count as prose (a sentence, not a label).</summary>
    private const int ProseLength = 25;

    /// <summary>How much one character of furniture costs against one of prose when choosing the container.</summary>
    private const double FurnitureWeight = 1.0;

    /// <summary>The bonus an element with semantic content markup gets.</summary>
    private const double HintBonus = 1.2;

    private readonly List<IElement> elements = [];
    private readonly List<int> parents = [];
    private double[] text = [];
    private double[] links = [];
    private double[] prose = [];
    private double[] furniture = [];

    private ContentFinder()
    {
    }

    /// <summary>The prose length of the chosen element, for the not-an-article decision.</summary>
    public double ProseOf(int index) => prose[index];

    public static ContentFinder Measure(IElement root)
    {
        var finder = new ContentFinder();
        finder.Index(root);
        return finder;
    }

    /// <summary>The best article container under the measured root, or null when nothing reads like prose.</summary>
    public (IElement Element, double Prose, double Furniture)? Best()
    {
        var best = -1;
        var bestScore = 0.0;
        for (var i = 0; i < elements.Count; i++)
        {
            if (prose[i] <= 0)
            {
                continue;
            }

            var score = prose[i] - FurnitureWeight * furniture[i];
            if (IsSemanticContent(elements[i]))
            {
                score *= HintBonus;
            }

            // Ties go to the deeper element (later in document order): the same text with less wrapping.
            if (score >= bestScore && score > 0)
            {
                best = i;
                bestScore = score;
            }
        }

        return best < 0 ? null : (elements[best], prose[best], furniture[best]);
    }

    /// <summary>Removes, inside the measured root, blocks that are mostly links or that are furniture labels.</summary>
    public void Trim(string? title, string? siteName)
    {
        var doomed = new List<IElement>();
        var skipUntil = -1;
        for (var i = 1; i < elements.Count; i++)
        {
            if (i <= skipUntil)
            {
                continue;
            }

            var element = elements[i];
            if (ShouldDrop(i, element, title, siteName))
            {
                doomed.Add(element);
                skipUntil = LastDescendant(i);
            }
        }

        foreach (var element in doomed)
        {
            element.Remove();
        }
    }

    private bool ShouldDrop(int i, IElement element, string? title, string? siteName)
    {
        if (element.LocalName == "h1")
        {
            return true;
        }

        if (!PlainText.IsBlock(element) && element.LocalName is not ("td" or "th"))
        {
            return false;
        }

        if (furniture[i] > prose[i] && furniture[i] >= 10)
        {
            return true;
        }

        if (text[i] > 0 && text[i] <= 200 && prose[i] < 120)
        {
            var content = PlainText.Fold(element.TextContent);
            if (BoilerplateHints.IsLabel(content, siteName))
            {
                return true;
            }

            if (title is not null && element.LocalName is "h2" or "h3" or "p" or "div" && string.Equals(content, title, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private int LastDescendant(int index)
    {
        var last = index;
        for (var j = index + 1; j < elements.Count; j++)
        {
            if (!IsDescendant(j, index))
            {
                break;
            }

            last = j;
        }

        return last;
    }

    private bool IsDescendant(int candidate, int ancestor)
    {
        for (var p = parents[candidate]; p >= 0; p = parents[p])
        {
            if (p == ancestor)
            {
                return true;
            }

            if (p < ancestor)
            {
                return false;
            }
        }

        return false;
    }

    private static bool IsSemanticContent(IElement element) =>
        element.LocalName is "article" or "main" || BoilerplateHints.HasContentHint(element);

    private void Index(IElement root)
    {
        var ownText = new List<double>();
        var ownLinks = new List<double>();
        var isBlock = new List<bool>();
        var stack = new Stack<(IElement Element, int Parent, int Block, bool InLink)>();
        stack.Push((root, -1, -1, false));
        while (stack.Count > 0)
        {
            var (element, parent, block, inLink) = stack.Pop();
            var index = elements.Count;
            elements.Add(element);
            parents.Add(parent);
            ownText.Add(0);
            ownLinks.Add(0);
            var blockLike = block < 0 || PlainText.IsBlock(element) || element.LocalName is "td" or "th";
            isBlock.Add(blockLike);
            if (blockLike)
            {
                block = index;
            }

            inLink |= element.LocalName == "a";
            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child is IElement childElement)
                {
                    stack.Push((childElement, index, block, inLink));
                }
                else if (child is IText textNode)
                {
                    var length = PlainText.FoldedLength(textNode.Data);
                    ownText[block] += length;
                    if (inLink)
                    {
                        ownLinks[block] += length;
                    }
                }
            }
        }

        var count = elements.Count;
        text = new double[count];
        links = new double[count];
        prose = new double[count];
        furniture = new double[count];
        for (var i = count - 1; i >= 0; i--)
        {
            if (isBlock[i] && ownText[i] > 0)
            {
                var density = ownLinks[i] / ownText[i];
                if (density >= 0.5)
                {
                    furniture[i] += ownText[i];
                }
                else if (ownText[i] >= ProseLength)
                {
                    prose[i] += ownText[i];
                }
            }

            text[i] += ownText[i];
            links[i] += ownLinks[i];
            var parent = parents[i];
            if (parent >= 0)
            {
                text[parent] += text[i];
                links[parent] += links[i];
                prose[parent] += prose[i];
                furniture[parent] += furniture[i];
            }
        }
    }
}
