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
    private const int ProseLength = 40;

    /// <summary>How much one character of furniture costs against one of prose when choosing the container.</summary>
    private const double FurnitureWeight = 1.25;

    /// <summary>A sibling of the body container joins it with this much prose...</summary>
    private const int SiblingProse = 80;

    /// <summary>How many levels above the body container siblings are looked for.</summary>
    private const int SiblingLevels = 7;

    /// <summary>...and at most this much furniture per character of prose.</summary>
    private const double SiblingFurniture = 1.0;

    /// <summary>A sibling after the body container joins only with links on at most this share of its text: the body's continuation hardly links, related and promo boxes do.</summary>
    private const double FollowingSiblingLinks = 0.05;

    /// <summary>A paragraph, item or heading this much made of link text is a link, not prose.</summary>
    private const double LeafLinkDensity = 0.7;

    /// <summary>A container with this much more furniture than prose is furniture.</summary>
    private const double ContainerFurniture = 1.0;

    /// <summary>
    /// ...and when links make at least this share of its text: a list of short lines with a few linked words (ingredients,
    /// a data table) has no prose either, but it is not a box of links.
    /// </summary>
    private const double ContainerLinks = 0.3;

    /// <summary>An h2 in the article header this long is a standfirst, not a subtitle.</summary>
    private const int StandfirstHeading = 80;

    /// <summary>A notice (a copyright line, a call to subscribe) with links in it runs up to a few sentences: longer, it is an article that mentions one.</summary>
    private const int NoticeLength = 300;

    /// <summary>A comment thread holding this share of the page's prose is the content: a forum thread.</summary>
    private const double ForumShare = 0.9;

    /// <summary>A header line this much made of digits is a date or a time, not a standfirst.</summary>
    private const double HeaderDigits = 0.1;

    /// <summary>The bonus an element with semantic content markup gets.</summary>
    private const double HintBonus = 1.5;

    private readonly List<IElement> elements = [];
    private readonly List<int> parents = [];
    private readonly List<double> ownText = [];
    private readonly List<double> ownLinks = [];
    private readonly List<bool> isBlock = [];
    private double[] text = [];
    private double[] links = [];
    private double[] prose = [];
    private double[] furniture = [];
    // Prose inside an article header named as furniture (its standfirst): counted as furniture, credited when joining siblings.
    private double[] leadProse = [];

    private ContentFinder()
    {
    }

    /// <summary>The prose length of the chosen element, for the not-an-article decision.</summary>
    public double ProseOf(int index) => prose[index];

    /// <summary>Measures the text under a root; prose inside <paramref name="unlikely"/> elements counts as furniture.</summary>
    public static ContentFinder Measure(IElement root, IReadOnlySet<IElement>? unlikely = null)
    {
        var finder = new ContentFinder();
        finder.Index(root);
        finder.Compute(unlikely);
        return finder;
    }

    /// <summary>
    /// The measure of an element under this one's root, read from this index rather than from the tree again: the
    /// same as <see cref="Measure"/> of it while the tree under it is unchanged. Null when it would differ: the element
    /// is not indexed, or its text counts towards a block or a link above it.
    /// </summary>
    public ContentFinder? Within(IElement root, IReadOnlySet<IElement>? unlikely)
    {
        var start = elements.IndexOf(root);
        if (start < 0 || !isBlock[start])
        {
            return null;
        }

        for (var p = parents[start]; p >= 0; p = parents[p])
        {
            if (elements[p].LocalName == "a")
            {
                return null;
            }
        }

        // The index is in document order, so an element's subtree is the run after it whose parents lie within it.
        var finder = new ContentFinder();
        for (var i = start; i < elements.Count && (i == start || parents[i] >= start); i++)
        {
            finder.elements.Add(elements[i]);
            finder.parents.Add(i == start ? -1 : parents[i] - start);
            finder.ownText.Add(ownText[i]);
            finder.ownLinks.Add(ownLinks[i]);
            finder.isBlock.Add(isBlock[i]);
        }

        finder.Compute(unlikely);
        return finder;
    }

    /// <summary>
    /// Decides which elements named like furniture are furniture: those holding less than half of the prose under
    /// the root (one holding more is the page's wrapper or the article itself, whatever its name), alone or with the
    /// other elements of the same tag and class (the sections of one article). Their prose
    /// then counts as furniture in this measure; the set is returned for the later steps.
    /// </summary>
    public HashSet<IElement> Discount(IReadOnlyDictionary<IElement, NameHint> named)
    {
        var furnitureSet = new HashSet<IElement>();
        var total = prose.Length > 0 ? prose[0] : 0;
        // The named elements in page order, looked up once: the passes below go through them alone. An unlikely one
        // with a class has a name of tag and class, which the parts of one article share.
        var hinted = new List<(int Index, NameHint Hint, string? Name)>();
        for (var i = 0; i < elements.Count; i++)
        {
            if (named.TryGetValue(elements[i], out var hint))
            {
                var name = hint == NameHint.Unlikely && elements[i].ClassName is { Length: > 0 } className ? elements[i].LocalName + "." + className : null;
                hinted.Add((i, hint, name));
            }
        }

        // Comment threads first: their prose does not count towards the page's when judging other names.
        var threads = 0.0;
        foreach (var (i, hint, _) in hinted)
        {
            if (hint == NameHint.Thread && prose[i] < total * ForumShare)
            {
                if (!IsInside(i, furnitureSet))
                {
                    threads += prose[i];
                }

                furnitureSet.Add(elements[i]);
            }
        }

        var articleProse = total - threads;
        // Parts of one article may each be named like furniture: elements sharing a name count together.
        var byName = new Dictionary<string, double>();
        foreach (var (i, _, name) in hinted)
        {
            if (name is not null && !IsInside(i, furnitureSet) && !HasNamedAncestor(i, named))
            {
                byName[name] = byName.GetValueOrDefault(name) + prose[i];
            }
        }

        foreach (var (i, hint, name) in hinted)
        {
            if (hint == NameHint.Unlikely && prose[i] < articleProse / 2
                && (name is null ? 0 : byName.GetValueOrDefault(name)) < articleProse / 2)
            {
                furnitureSet.Add(elements[i]);
            }
        }

        Compute(furnitureSet);
        return furnitureSet;
    }

    private bool HasNamedAncestor(int index, IReadOnlyDictionary<IElement, NameHint> named)
    {
        for (var p = parents[index]; p >= 0; p = parents[p])
        {
            if (named.ContainsKey(elements[p]))
            {
                return true;
            }
        }

        return false;
    }

    private bool IsInside(int index, HashSet<IElement> set)
    {
        for (var p = parents[index]; p >= 0; p = parents[p])
        {
            if (set.Contains(elements[p]))
            {
                return true;
            }
        }

        return false;
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

        if (best < 0)
        {
            return null;
        }

        // One paragraph is not an article: the element holding it is, short lines and all.
        if (elements[best].LocalName == "p" && parents[best] > 0)
        {
            best = parents[best];
        }

        var siblings = ProseSiblings(best);
        return siblings.Count == 0 ? (elements[best], prose[best], furniture[best]) : (Gather(best, siblings), prose[best] + siblings.Sum(j => prose[j]), furniture[best] + siblings.Sum(j => furniture[j]));
    }

    /// <summary>
    /// Siblings of the chosen element that read as prose with hardly any furniture: a lead paragraph or an intro
    /// that the page keeps next to the body container rather than in it.
    /// </summary>
    private List<int> ProseSiblings(int best)
    {
        var found = new List<int>();
        var member = best;
        for (var level = 0; level < SiblingLevels; level++)
        {
            var parent = parents[member];
            // Blocks sitting right in the body are the article's parts on pages without wrappers; further up is the page.
            if (parent < 0 || (parent == 0 && level > 0))
            {
                break;
            }

            // Next to the body container anything prose-like joins; further up, only what comes before (a lead, an intro).
            // The article's own header counts with its standfirst: the trimming keeps only that prose of it.
            var end = level == 0 ? LastDescendant(parent) : member - 1;
            for (var j = parent + 1; j <= end; j++)
            {
                var readable = prose[j] + leadProse[j];
                if (parents[j] == parent && j != member && readable >= SiblingProse && furniture[j] - leadProse[j] <= readable * SiblingFurniture
                    && (j < member || links[j] <= text[j] * FollowingSiblingLinks))
                {
                    found.Add(j);
                }
            }

            member = parent;
        }

        return found;
    }

    /// <summary>Moves the chosen element and its prose siblings, in page order, into one container.</summary>
    private IElement Gather(int best, List<int> siblings)
    {
        var members = siblings.Append(best).Order().Select(j => elements[j]).ToList();
        var container = members[0].Owner!.CreateElement("div");
        members[0].Parent!.InsertBefore(container, members[0]);
        foreach (var member in members)
        {
            container.AppendChild(member);
        }

        return container;
    }

    /// <summary>The first element marked as the article body (itemprop=articleBody, content class), else the first &lt;article&gt;, holding text.</summary>
    public IElement? Marked()
    {
        IElement? article = null;
        for (var i = 0; i < elements.Count; i++)
        {
            if (text[i] <= 0)
            {
                continue;
            }

            if (BoilerplateHints.HasContentHint(elements[i]))
            {
                return elements[i];
            }

            if (article is null && elements[i].LocalName is "article" or "main")
            {
                article = elements[i];
            }
        }

        return article;
    }

    /// <summary>Removes, inside the measured root, blocks that are mostly links or that are furniture labels.</summary>
    public void Trim(string? title, string? siteName, IReadOnlySet<IElement> furnitureSet)
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
            if (furnitureSet.Contains(element) && element.LocalName == "header")
            {
                // An article header holds the title, the byline and the date, but also the standfirst: only its prose stays.
                skipUntil = KeepProse(i, doomed, title);
            }
            else if (furnitureSet.Contains(element) || ShouldDrop(i, element, title, siteName))
            {
                doomed.Add(element);
                skipUntil = LastDescendant(i);
            }
        }

        foreach (var element in doomed)
        {
            element.Discard();
        }
    }

    /// <summary>Drops every block under an element except prose paragraphs; returns the element's last descendant.</summary>
    private int KeepProse(int index, List<IElement> doomed, string? title)
    {
        var last = LastDescendant(index);
        for (var j = index + 1; j <= last; j++)
        {
            if (!isBlock[j] || ownText[j] <= 0)
            {
                continue;
            }

            var content = PlainText.Fold(elements[j].TextContent);
            var prose = ownText[j] >= ProseLength && ownLinks[j] < ownText[j] / 2 && !IsHeaderTitle(j)
                && content.Count(char.IsDigit) < content.Length * HeaderDigits
                && (title is null || !string.Equals(content, title, StringComparison.OrdinalIgnoreCase));
            if (!prose)
            {
                doomed.Add(elements[j]);
                j = LastDescendant(j);
            }
        }

        if (ownText[index] > 0)
        {
            // Loose text directly in the header is a byline or a date.
            foreach (var text in elements[index].ChildNodes.OfType<IText>().ToList())
            {
                text.Data = "";
            }

            // So is loose inline markup (a category link, a byline span) that holds no block.
            for (var j = index + 1; j <= last; j = LastDescendant(j) + 1)
            {
                if (!isBlock[j] && !HoldsBlock(j))
                {
                    doomed.Add(elements[j]);
                }
            }
        }

        return last;
    }

    /// <summary>A title or a subtitle; an h2 as long as a sentence is the standfirst set as a heading.</summary>
    private bool IsHeaderTitle(int index) =>
        elements[index].LocalName == "h1" || (elements[index].LocalName == "h2" && ownText[index] < StandfirstHeading);

    private bool HoldsBlock(int index)
    {
        var last = LastDescendant(index);
        for (var j = index + 1; j <= last; j++)
        {
            if (isBlock[j])
            {
                return true;
            }
        }

        return false;
    }

    private bool ShouldDrop(int i, IElement element, string? title, string? siteName)
    {
        // The headline is the title; other h1 inside a body are page furniture more often than section titles.
        if (element.LocalName == "h1")
        {
            return true;
        }

        if (!PlainText.IsBlock(element) && element.LocalName is not ("td" or "th"))
        {
            return false;
        }

        // A paragraph with a link in it is prose; one that is nothing but a link is a "read more" or a teaser.
        // A container goes when its links clearly outweigh its prose (related lists, tag clouds, share bars).
        var leaf = element.LocalName is "p" or "li" or "h2" or "h3" or "h4" or "h5" or "h6" or "td" or "th" or "dd" or "dt";
        if (leaf ? text[i] > 0 && links[i] >= text[i] * LeafLinkDensity : furniture[i] > prose[i] * ContainerFurniture && furniture[i] >= 10 && links[i] >= text[i] * ContainerLinks)
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

            // The title of a box of links ("Mehr zum Thema auf …", "Read more from …") stays when the links go.
            if (element.LocalName is "h2" or "h3" or "h4" or "h5" or "h6" && BoilerplateHints.StartsWithLabel(content))
            {
                return true;
            }

            // Photo credits and copyright lines ("Lee Elder … | © Augusta National/Getty Images").
            if (content.Contains('©', StringComparison.Ordinal))
            {
                return true;
            }

            if (title is not null && element.LocalName is "h1" or "h2" or "h3" or "p" or "div" && string.Equals(content, title, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        else if (text[i] > 0 && text[i] <= NoticeLength && links[i] >= text[i] * ContainerLinks && BoilerplateHints.HasNoticePhrase(PlainText.Fold(element.TextContent)))
        {
            return true;
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

    /// <summary>A header that is not the page's banner: the one of an article, which may hold its standfirst.</summary>
    private static bool IsArticleHeader(IElement element) =>
        element.LocalName == "header" && !string.Equals(element.GetAttribute("role"), "banner", StringComparison.OrdinalIgnoreCase);

    private static bool IsSemanticContent(IElement element) =>
        element.LocalName is "article" or "main" || BoilerplateHints.HasContentHint(element);

    private void Index(IElement root)
    {
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
            var children = element.ChildNodes;
            for (var c = children.Length - 1; c >= 0; c--)
            {
                var child = children[c];
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
    }

    /// <summary>Sums the statistics bottom-up; prose inside <paramref name="discounted"/> elements counts as furniture.</summary>
    private void Compute(IReadOnlySet<IElement>? discounted)
    {
        var count = elements.Count;
        text = new double[count];
        links = new double[count];
        prose = new double[count];
        furniture = new double[count];
        leadProse = new double[count];
        var inDiscounted = new bool[count];
        var inHeader = new bool[count];
        if (discounted is { Count: > 0 })
        {
            for (var i = 0; i < count; i++)
            {
                var parent = parents[i];
                var isDiscounted = discounted.Contains(elements[i]);
                inDiscounted[i] = (parent >= 0 && inDiscounted[parent]) || isDiscounted;
                inHeader[i] = (parent >= 0 && inHeader[parent]) || (isDiscounted && IsArticleHeader(elements[i]));
            }
        }

        for (var i = count - 1; i >= 0; i--)
        {
            if (isBlock[i] && ownText[i] > 0)
            {
                var density = ownLinks[i] / ownText[i];
                if (density >= 0.5 || inDiscounted[i])
                {
                    furniture[i] += ownText[i];
                    if (density < 0.5 && inHeader[i] && ownText[i] >= ProseLength)
                    {
                        leadProse[i] += ownText[i];
                    }
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
                leadProse[parent] += leadProse[i];
            }
        }
    }
}
