using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Bytes in, article out: decode, parse, read metadata, find the body, clean it, sanitize it, render its text.
/// Holds no per-call state, so one instance serves parallel scrapes.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>Below this much prose a page is a menu, a listing or an empty shell, not an article.</summary>
    private const int MinimumProse = 100;

    /// <summary>Summaries cut from the text stop near this length, at a word boundary.</summary>
    private const int SummaryLength = 300;

    public ExtractionResult Extract(byte[] html, string? contentType, Uri url, ExtractionRules rules)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(rules);
        if (html is null || html.Length == 0)
        {
            return ExtractionResult.NotAnArticle("empty page");
        }

        if (PageGate.LooksBinary(html))
        {
            return ExtractionResult.NotAnArticle("not an HTML page (binary content)");
        }

        try
        {
            return Extract(PageDecoder.Parse(html, contentType), url, rules);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Hostile markup must cost one page, never the scrape: the reason says what broke.
            return ExtractionResult.NotAnArticle($"unreadable page: {e.GetType().Name}: {e.Message}");
        }
    }

    private static ExtractionResult Extract(IHtmlDocument document, Uri url, ExtractionRules rules)
    {
        if (document.Body is not { } body)
        {
            return ExtractionResult.NotAnArticle("empty page: no body");
        }

        if (PageGate.Refusal(document) is { } refusal)
        {
            return ExtractionResult.NotAnArticle(refusal);
        }

        var metadata = MetadataReader.Read(document, url, rules.TimeZone);
        var baseUrl = MetadataReader.BaseUrl(document, url);

        foreach (var selector in rules.RemoveSelectors)
        {
            foreach (var element in body.QuerySelectorAll(selector).ToList())
            {
                element.Remove();
            }
        }

        var chosen = rules.ContentSelector is { Length: > 0 } selectorText ? body.QuerySelector(selectorText) : null;
        var bySelector = chosen is not null;
        var byRule = bySelector;
        // Elements only named like furniture are avoided, unless they hold most of the prose.
        var named = Pruner.Prune(chosen ?? body);
        var measured = ContentFinder.Measure(chosen ?? body);
        var unlikely = measured.Discount(named);
        if (chosen is null)
        {
            var best = measured.Best();
            if (best is { } found && found.Prose >= MinimumProse)
            {
                // Links outweighing prose say listing, unless the page or its markup says this is one article
                // (show notes, link round-ups, a post with its sources): then the trimming sorts the links out.
                if (found.Furniture > found.Prose && !metadata.DeclaresArticle && found.Element.Closest("article") is null)
                {
                    return ExtractionResult.NotAnArticle("mostly links: the page is a home page or a listing");
                }

                chosen = found.Element;
            }
            else if (metadata.DeclaresArticle && measured.Marked() is { } marked)
            {
                // A page that says it is an article may be a very short one (a quote, a photo post): its marked body is it.
                chosen = marked;
                byRule = true;
            }
            else if (DeclaredBody.IsFuller(metadata.JsonLdBody, ""))
            {
                chosen = DeclaredBody.Build(document, metadata.JsonLdBody!);
                byRule = true;
            }
            else
            {
                return ExtractionResult.NotAnArticle("no article text: the page is a menu, a listing or empty");
            }
        }

        Tail.Cut(chosen);
        ContentFinder.Measure(chosen, unlikely).Trim(metadata.Title, metadata.SiteName, unlikely);
        DropLeadingTitle(chosen, metadata.Title);
        Tail.Trim(chosen);
        Tail.TrimHead(chosen);
        var text = PlainText.Render(chosen);
        if (!bySelector && DeclaredBody.IsFuller(metadata.JsonLdBody, text))
        {
            chosen = DeclaredBody.Build(document, metadata.JsonLdBody!);
            text = PlainText.Render(chosen);
        }

        if (text.Length == 0 || (!byRule && text.Length < MinimumProse))
        {
            return ExtractionResult.NotAnArticle("no article text after cleaning");
        }

        Images.Resolve(chosen, baseUrl);
        Paragraphs.Wrap(chosen);
        var sanitized = ArticleSanitizer.Sanitize(chosen, baseUrl);
        var title = metadata.Title ?? text.Split("\n\n")[0];
        return ExtractionResult.Found(new ExtractedArticle
        {
            Title = title,
            Authors = metadata.Authors,
            Published = metadata.Published,
            Modified = metadata.Modified,
            Category = metadata.Category,
            Tags = metadata.Tags,
            Image = metadata.Image ?? FirstImage(chosen),
            Language = metadata.Language,
            CanonicalUrl = metadata.CanonicalUrl,
            Summary = metadata.Description ?? Summarise(text),
            Text = text,
            Html = sanitized,
        });
    }

    /// <summary>The headline belongs to the title, not the body: drop a first heading or block that repeats it.</summary>
    private static void DropLeadingTitle(IElement body, string? title)
    {
        if (title is null)
        {
            return;
        }

        var first = body.FirstElementChild;
        while (first is not null && first.TextContent.Trim().Length == 0 && first.LocalName is not ("img" or "figure" or "picture"))
        {
            var next = first.NextElementSibling;
            if (first.QuerySelector("img") is not null)
            {
                break;
            }

            first = next;
        }

        if (first is not null && first.LocalName is "h1" or "h2" or "h3" or "p" or "div" or "header"
            && string.Equals(PlainText.Fold(first.TextContent), title, StringComparison.OrdinalIgnoreCase))
        {
            first.Remove();
        }
    }

    private static string? FirstImage(IElement body) =>
        body.QuerySelector("img[src]")?.GetAttribute("src") is { Length: > 0 } src && src.StartsWith("http", StringComparison.Ordinal) ? src : null;

    internal static string Summarise(string text)
    {
        var flat = text.Replace("\n\n", " ", StringComparison.Ordinal);
        if (flat.Length <= SummaryLength)
        {
            return flat;
        }

        var cut = flat.LastIndexOf(' ', SummaryLength);
        return (cut > SummaryLength / 2 ? flat[..cut] : flat[..SummaryLength]).TrimEnd(',', ';', ':', ' ') + "…";
    }
}
