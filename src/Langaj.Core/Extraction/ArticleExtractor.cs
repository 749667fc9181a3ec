using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Bytes in, article out, in named stages (<see cref="ExtractionStage"/>): decode, read the metadata, prune,
/// locate the body, trim it, render its text, sanitize its HTML last. Holds no per-call state, so one
/// instance serves parallel scrapes.
/// </summary>
public sealed class ArticleExtractor
{
    /// <summary>Summaries cut from the text stop near this length, at a word boundary.</summary>
    private const int SummaryLength = 300;

    public ExtractionResult Extract(byte[] html, string? contentType, Uri url, ExtractionRules rules) =>
        Extract(html, contentType, url, rules, completed: null);

    /// <summary>
    /// <see cref="Extract(byte[], string?, Uri, ExtractionRules)"/> on a thread-pool thread, for code that has just read the
    /// page from the network: its continuation may run on the socket's I/O thread (inline completions, the local host's
    /// setting), which extracting a big page would hold for a tenth of a second, stalling every other connection.
    /// </summary>
    public Task<ExtractionResult> ExtractAsync(byte[] html, string? contentType, Uri url, ExtractionRules rules, CancellationToken cancellationToken) =>
        Task.Run(() => Extract(html, contentType, url, rules), cancellationToken);

    internal ExtractionResult Extract(byte[] html, string? contentType, Uri url, ExtractionRules rules, StageCompleted? completed)
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
            var document = PageDecoder.Parse(html, contentType);
            completed?.Invoke(ExtractionStage.Decode, null);
            return Extract(document, url, rules, completed);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Hostile markup must cost one page, never the scrape: the reason says what broke.
            return ExtractionResult.NotAnArticle($"unreadable page: {e.GetType().Name}: {e.Message}");
        }
    }

    private static ExtractionResult Extract(IHtmlDocument document, Uri url, ExtractionRules rules, StageCompleted? completed)
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
        completed?.Invoke(ExtractionStage.Read, null);

        var pruned = Pruner.Prune(body, rules);
        completed?.Invoke(ExtractionStage.Prune, body);

        var located = BodyLocator.Locate(document, pruned, metadata);
        if (located.Element is not { } chosen)
        {
            return ExtractionResult.NotAnArticle(located.Refusal!);
        }
        completed?.Invoke(ExtractionStage.Locate, chosen);

        BodyTrimmer.Trim(chosen, located.Unlikely, located.Measured, metadata);
        completed?.Invoke(ExtractionStage.Trim, chosen);

        var text = PlainText.Render(chosen);
        if (!located.BySelector && DeclaredBody.IsFuller(metadata.JsonLdBody, text))
        {
            chosen = DeclaredBody.Build(document, metadata.JsonLdBody!);
            text = PlainText.Render(chosen);
        }

        if (text.Length == 0 || (!located.ByRule && text.Length < BodyLocator.MinimumProse))
        {
            return ExtractionResult.NotAnArticle("no article text after cleaning");
        }
        completed?.Invoke(ExtractionStage.Render, chosen);

        Images.Resolve(chosen, baseUrl);
        Paragraphs.Wrap(chosen);
        var sanitized = ArticleSanitizer.Sanitize(chosen, baseUrl);
        completed?.Invoke(ExtractionStage.Sanitize, chosen);
        // What the page does not declare, the body gives: its first block as the title, its first image, its start as the summary.
        var declared = metadata.Article;
        return ExtractionResult.Found(new ExtractedArticle(
            declared with
            {
                Title = metadata.Title ?? text.Split("\n\n")[0],
                Image = declared.Image ?? FirstImage(chosen),
                Summary = declared.Summary.Length > 0 ? declared.Summary : Summarise(text),
            },
            metadata.CanonicalUrl,
            new ArticleBody(text, sanitized)));
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
