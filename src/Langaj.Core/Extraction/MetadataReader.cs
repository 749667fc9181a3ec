using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Reads an article's metadata from one walk over the page, each fact from its most reliable source first:
/// JSON-LD, then OpenGraph/article meta, then markup (h1, time, rel=author, breadcrumb), then visible text.
/// </summary>
internal static class MetadataReader
{
    /// <summary>How much visible text is searched for a printed date: bylines sit near the top.</summary>
    private const int VisibleDateWindow = 20_000;

    private static readonly string[] TitleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " / "];

    /// <summary>Reads the page's metadata; dates without an offset are wall-clock time in <paramref name="zone"/> (the source's), UTC without one.</summary>
    public static PageMetadata Read(IHtmlDocument document, Uri url, TimeZoneInfo? zone = null)
    {
        // Printed dates are only read on French pages: other pages skip collecting their visible text.
        var declared = NormaliseLanguage(document.DocumentElement.GetAttribute("lang"));
        var page = Scan(document, declared is null or "fr");
        var baseUrl = BaseUrl(document, url);
        var jsonLd = page.JsonLd;
        var local = zone ?? TimeZoneInfo.Utc;

        var siteName = Meta(page, "og:site_name") ?? jsonLd.Publisher ?? Meta(page, "application-name");
        var language = NormaliseLanguage(document.DocumentElement.GetAttribute("lang"))
            ?? NormaliseLanguage(Meta(page, "og:locale"))
            ?? NormaliseLanguage(Meta(page, "content-language"))
            ?? NormaliseLanguage(jsonLd.Language);

        var title = Clean(jsonLd.Headline)
            ?? StripSiteName(Meta(page, "og:title"), siteName)
            ?? StripSiteName(Meta(page, "twitter:title"), siteName)
            ?? page.H1
            ?? StripSiteName(Clean(document.Title), siteName);

        var authors = jsonLd.Authors.Count > 0 ? jsonLd.Authors
            : Metas(page, "author") is { Count: > 0 } named ? named
            : Metas(page, "article:author").Where(a => !a.Contains("://", StringComparison.Ordinal)).ToList() is { Count: > 0 } og ? og
            : page.Bylines;

        // Printed dates are read in French only, and only when no markup gives them.
        var readsFrench = language is null or "fr";
        var visible = readsFrench ? FrenchDate.Find(page.VisibleText.ToString(), local) : default;
        var published = ParseDate(jsonLd.DatePublished, local)
            ?? ParseDate(Meta(page, "article:published_time"), local)
            ?? ParseDate(Meta(page, "og:article:published_time"), local)
            ?? ParseDate(page.PublishedTime, local)
            ?? visible.Published
            ?? ParseDate(Meta(page, "date") ?? Meta(page, "dc.date") ?? Meta(page, "dcterms.date") ?? Meta(page, "pubdate") ?? Meta(page, "publish-date"), local);
        var modified = ParseDate(jsonLd.DateModified, local)
            ?? ParseDate(Meta(page, "article:modified_time"), local)
            ?? ParseDate(Meta(page, "og:updated_time"), local)
            ?? ParseDate(page.ModifiedTime, local)
            ?? visible.Modified;

        var category = Clean(jsonLd.Section)
            ?? Clean(Meta(page, "article:section"))
            ?? BreadcrumbCategory(page.BreadcrumbItems, title)
            ?? BreadcrumbCategory(jsonLd.Breadcrumb, title);

        var tags = Distinct(Metas(page, "article:tag").Concat(jsonLd.Keywords).Concat(page.TagLinks));
        var image = Absolute(baseUrl, Meta(page, "og:image") ?? Meta(page, "og:image:url") ?? Meta(page, "og:image:secure_url"))
            ?? Absolute(baseUrl, jsonLd.Image)
            ?? Absolute(baseUrl, Meta(page, "twitter:image"))
            ?? Absolute(baseUrl, page.FigureImage);
        var canonical = Absolute(baseUrl, page.Canonical) ?? Absolute(baseUrl, Meta(page, "og:url")) ?? Absolute(baseUrl, jsonLd.Url);
        var description = Clean(Meta(page, "description")) ?? Clean(Meta(page, "og:description")) ?? Clean(jsonLd.Description);

        var ogType = Meta(page, "og:type");
        return new PageMetadata
        {
            Article = new ArticleMetadata
            {
                Title = title ?? "",
                Authors = Distinct(authors.Select(CleanAuthor).OfType<string>()),
                Published = published,
                Modified = modified,
                Category = category,
                Tags = tags,
                Image = image,
                Language = language,
                Summary = description ?? "",
            },
            SiteName = Clean(siteName),
            CanonicalUrl = canonical,
            JsonLdBody = jsonLd.Body,
            DeclaresArticle = jsonLd.HasArticle || string.Equals(ogType, "article", StringComparison.OrdinalIgnoreCase),
            DeclaresWebsite = jsonLd.HasWebsiteOnly || string.Equals(ogType, "website", StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>The document's base for relative URLs: its &lt;base href&gt; when valid, else where it was fetched.</summary>
    public static Uri BaseUrl(IHtmlDocument document, Uri url)
    {
        var href = document.Head?.QuerySelector("base[href]")?.GetAttribute("href");
        return href is { Length: > 0 } && Uri.TryCreate(url, href, out var resolved) && resolved.Scheme is "http" or "https" ? resolved : url;
    }

    public static string? Absolute(Uri baseUrl, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return Uri.TryCreate(baseUrl, value.Trim(), out var resolved) && resolved.Scheme is "http" or "https" ? resolved.AbsoluteUri : null;
    }

    internal static string? NormaliseLanguage(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var primary = value.Trim().Split('-', '_', ',', ';', ' ')[0].ToLowerInvariant();
        return primary.Length is 2 or 3 && primary.All(char.IsAsciiLetterLower) ? primary : null;
    }

    internal static string? StripSiteName(string? title, string? siteName)
    {
        title = Clean(title);
        if (title is null)
        {
            return null;
        }

        foreach (var separator in TitleSeparators)
        {
            if (siteName is { Length: > 0 })
            {
                if (title.EndsWith(separator + siteName, StringComparison.OrdinalIgnoreCase))
                {
                    return title[..^(separator.Length + siteName.Length)].Trim();
                }

                if (title.StartsWith(siteName + separator, StringComparison.OrdinalIgnoreCase))
                {
                    return title[(siteName.Length + separator.Length)..].Trim();
                }
            }
        }

        // Without a known site name, a short last segment after a separator is the site's name.
        foreach (var separator in TitleSeparators)
        {
            var at = title.LastIndexOf(separator, StringComparison.Ordinal);
            if (at <= 0)
            {
                continue;
            }

            var head = title[..at].Trim();
            var tail = title[(at + separator.Length)..].Trim();
            if (WordCount(tail) <= 4 && WordCount(head) > WordCount(tail))
            {
                return head;
            }
        }

        return title;
    }

    internal static string? BreadcrumbCategory(IReadOnlyList<string> items, string? title)
    {
        var list = items.Select(PlainText.Fold).Where(i => i.Length > 0 && i.Trim('›', '>', '»', '/', '|', '·', ' ').Length > 0).ToList();
        // The last crumb is often the article itself; the category is the one before it.
        if (list.Count > 1 && title is not null && IsSameText(list[^1], title))
        {
            list.RemoveAt(list.Count - 1);
        }

        return list.Count > 1 ? list[^1] : null;
    }

    private static bool IsSameText(string crumb, string title) =>
        title.StartsWith(crumb.TrimEnd('.', '…', ' '), StringComparison.OrdinalIgnoreCase) && crumb.Length >= Math.Min(title.Length, 20);

    private static DateTimeOffset? ParseDate(string? value, TimeZoneInfo local)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        value = value.Trim();
        var styles = DateTimeStyles.AllowWhiteSpaces;
        if (!DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, styles | DateTimeStyles.AssumeUniversal, out var parsed))
        {
            return null;
        }

        // The page's declared offset wins; a date without one is wall-clock time in the source's zone.
        var hasOffset = value.Length > 10 && (value.EndsWith('Z') || value.EndsWith('z') || value.LastIndexOfAny(['+', '-']) > 10);
        if (!hasOffset)
        {
            return FrenchDate.FromLocal(parsed.UtcDateTime, local);
        }

        return parsed.ToUniversalTime();
    }

    private static string? CleanAuthor(string author)
    {
        var text = PlainText.Fold(author);
        foreach (var prefix in (string[])["Par ", "By ", "Von ", "Por ", "Di ", "Autor: ", "Auteur : ", "Auteur: ", "Author: "])
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                text = text[prefix.Length..].Trim();
            }
        }

        return text.Length is > 1 and <= 80 ? text : null;
    }

    private static string? Clean(string? text) => text is null ? null : PlainText.Fold(text) is { Length: > 0 } folded ? folded : null;

    private static List<string> Distinct(IEnumerable<string> values)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var list = new List<string>();
        foreach (var value in values)
        {
            var folded = PlainText.Fold(value);
            if (folded.Length > 0 && seen.Add(folded))
            {
                list.Add(folded);
            }
        }

        return list;
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string? Meta(Scanned page, string key) => page.Metas.TryGetValue(key, out var values) ? values[0] : null;

    private static List<string> Metas(Scanned page, string key) => page.Metas.TryGetValue(key, out var values) ? values : [];

    /// <summary>One iterative walk over the whole page, collecting every source the readers above need.</summary>
    private static Scanned Scan(IHtmlDocument document, bool collectVisibleText)
    {
        var page = new Scanned();
        var stack = new Stack<INode>();
        stack.Push(document.DocumentElement);
        IElement? breadcrumb = null;
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node is IText text)
            {
                if (collectVisibleText && page.VisibleText.Length < VisibleDateWindow)
                {
                    page.VisibleText.Append(text.Data).Append(' ');
                }

                continue;
            }

            if (node is not IElement element)
            {
                continue;
            }

            switch (element.LocalName)
            {
                case "meta":
                    ReadMeta(page, element);
                    continue;
                case "link":
                    ReadLink(page, element);
                    continue;
                case "script":
                    if (element.GetAttribute("type")?.Contains("ld+json", StringComparison.OrdinalIgnoreCase) == true)
                    {
                        page.JsonLd.Add(element.TextContent);
                    }

                    continue;
                case "style" or "noscript" or "template" or "svg" or "title":
                    continue;
                case "h1" when page.H1 is null:
                    page.H1 = Clean(element.TextContent);
                    break;
                case "time":
                    ReadTime(page, element);
                    break;
                case "a":
                    ReadAnchor(page, element);
                    break;
                case "img" when page.FigureImage is null && element.ParentElement?.Closest("figure") is not null:
                    page.FigureImage = element.GetAttribute("src") is { Length: > 0 } src && !src.StartsWith("data:", StringComparison.Ordinal)
                        ? src
                        : element.GetAttribute("data-src") ?? element.GetAttribute("data-lazy-src");
                    break;
            }

            if (breadcrumb is null && IsBreadcrumb(element))
            {
                breadcrumb = element;
                page.BreadcrumbItems = BreadcrumbItems(element);
            }

            if (page.Bylines.Count == 0 && IsByline(element) && Clean(element.TextContent) is { Length: > 1 and <= 80 } byline)
            {
                page.Bylines.Add(byline);
            }

            var children = element.ChildNodes;
            for (var i = children.Length - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return page;
    }

    private static void ReadMeta(Scanned page, IElement meta)
    {
        var key = meta.GetAttribute("property") ?? meta.GetAttribute("name") ?? meta.GetAttribute("itemprop") ?? meta.GetAttribute("http-equiv");
        var content = meta.GetAttribute("content");
        if (key is null || string.IsNullOrWhiteSpace(content))
        {
            return;
        }

        key = key.Trim().ToLowerInvariant();
        if (!page.Metas.TryGetValue(key, out var values))
        {
            page.Metas[key] = values = [];
        }

        values.Add(content.Trim());
        if (key == "datepublished")
        {
            page.PublishedTime ??= content;
        }
    }

    private static void ReadLink(Scanned page, IElement link)
    {
        var rel = link.GetAttribute("rel");
        if (rel is not null && rel.Split(' ').Contains("canonical", StringComparer.OrdinalIgnoreCase))
        {
            page.Canonical ??= link.GetAttribute("href");
        }
    }

    private static void ReadAnchor(Scanned page, IElement anchor)
    {
        var rel = anchor.GetAttribute("rel");
        if (rel is null)
        {
            return;
        }

        var values = rel.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        // WordPress marks category links rel="category tag": those are the category, not tags.
        var isCategory = values.Contains("category", StringComparer.OrdinalIgnoreCase);
        foreach (var value in values)
        {
            if (value.Equals("author", StringComparison.OrdinalIgnoreCase) && Clean(anchor.TextContent) is { } author)
            {
                page.Bylines.Insert(0, author);
            }
            else if (!isCategory && value.Equals("tag", StringComparison.OrdinalIgnoreCase) && Clean(anchor.TextContent) is { } tag)
            {
                page.TagLinks.Add(tag);
            }
        }
    }

    private static void ReadTime(Scanned page, IElement time)
    {
        var value = time.GetAttribute("datetime");
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        var hint = (time.GetAttribute("itemprop") + " " + time.GetAttribute("class") + " " + time.ParentElement?.GetAttribute("class")).ToLowerInvariant();
        if (hint.Contains("modif", StringComparison.Ordinal) || hint.Contains("update", StringComparison.Ordinal))
        {
            page.ModifiedTime ??= value;
        }
        else if (hint.Contains("publi", StringComparison.Ordinal))
        {
            // An explicitly marked publication time beats an earlier unmarked one.
            page.PublishedTime = page.PublishedFromMarkedTime ? page.PublishedTime : value;
            page.PublishedFromMarkedTime = true;
        }
        else
        {
            page.PublishedTime ??= value;
        }
    }

    private static bool IsBreadcrumb(IElement element)
    {
        var className = element.GetAttribute("class");
        var id = element.Id;
        var label = element.GetAttribute("aria-label");
        var itemType = element.GetAttribute("itemtype");
        return (className is not null && (className.Contains("breadcrumb", StringComparison.OrdinalIgnoreCase) || className.Contains("ariane", StringComparison.OrdinalIgnoreCase)))
            || (id is not null && (id.Contains("breadcrumb", StringComparison.OrdinalIgnoreCase) || id.Contains("ariane", StringComparison.OrdinalIgnoreCase)))
            || (label is not null && (label.Contains("breadcrumb", StringComparison.OrdinalIgnoreCase) || label.Contains("ariane", StringComparison.OrdinalIgnoreCase)))
            || (itemType is not null && itemType.Contains("BreadcrumbList", StringComparison.OrdinalIgnoreCase));
    }

    private static List<string> BreadcrumbItems(IElement breadcrumb)
    {
        // Items are the list entries when there are any, else the links, else the last text run.
        var items = breadcrumb.QuerySelectorAll("li").Select(li => li.TextContent).ToList();
        if (items.Count < 2)
        {
            items = breadcrumb.QuerySelectorAll("a").Select(a => a.TextContent).ToList();
            var trailing = breadcrumb.ChildNodes.OfType<IText>().LastOrDefault() ?? null;
            var tail = breadcrumb.LastElementChild;
            if (tail is not null && tail.LocalName is "span" or "strong" or "em" && tail.QuerySelector("a") is null)
            {
                items.Add(tail.TextContent);
            }
            else if (trailing is not null && PlainText.Fold(trailing.Data).Trim('›', '>', '»', '/', '|', ' ') is { Length: > 0 } last)
            {
                items.Add(last);
            }
        }

        return items;
    }

    private static bool IsByline(IElement element)
    {
        if (string.Equals(element.GetAttribute("itemprop"), "author", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var className = element.GetAttribute("class");
        return className is not null && element.LocalName is "span" or "a" or "p" or "div"
            && (className.Contains("byline", StringComparison.OrdinalIgnoreCase) || className.Contains("author-name", StringComparison.OrdinalIgnoreCase)
                || className.Split(' ').Any(c => c.Equals("author", StringComparison.OrdinalIgnoreCase) || c.Equals("fn", StringComparison.OrdinalIgnoreCase)));
    }

    private sealed class Scanned
    {
        public Dictionary<string, List<string>> Metas { get; } = [];
        public JsonLd JsonLd { get; } = new();
        public string? H1 { get; set; }
        public string? Canonical { get; set; }
        public string? PublishedTime { get; set; }
        public bool PublishedFromMarkedTime { get; set; }
        public string? ModifiedTime { get; set; }
        public string? FigureImage { get; set; }
        public List<string> Bylines { get; } = [];
        public List<string> TagLinks { get; } = [];
        public List<string> BreadcrumbItems { get; set; } = [];
        public StringBuilder VisibleText { get; } = new();
    }
}
