namespace Langaj.Core.Extraction;

/// <summary>What extraction finds in one page: pure output, no storage identity yet.</summary>
/// <param name="CanonicalUrl">The address the page gives itself, if any; the article's own is decided with where it was found.</param>
public sealed record ExtractedArticle(ArticleMetadata Metadata, string? CanonicalUrl, ArticleBody Body);

/// <summary>The result of extracting one page: an article, or a clear reason why there is none.</summary>
public sealed record ExtractionResult(ExtractedArticle? Article, string? NoArticleReason)
{
    public bool IsArticle => Article is not null;

    public static ExtractionResult Found(ExtractedArticle article) => new(article, null);

    public static ExtractionResult NotAnArticle(string reason) => new(null, reason);
}

/// <summary>Per-source selectors that win over generic detection when set.</summary>
public sealed record ExtractionRules(string? ContentSelector, IReadOnlyList<string> RemoveSelectors)
{
    public static readonly ExtractionRules None = new(null, []);

    /// <summary>The source's time zone, for dates the page prints or declares without an offset; none means they are read as UTC.</summary>
    public TimeZoneInfo? TimeZone { get; init; }
}
