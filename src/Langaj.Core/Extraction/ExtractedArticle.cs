namespace Langaj.Core.Extraction;

/// <summary>What extraction finds in one page: pure output, no storage identity yet.</summary>
public sealed record ExtractedArticle
{
    public required string Title { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Image { get; init; }
    public string? Language { get; init; }
    public string? CanonicalUrl { get; init; }
    public string Summary { get; init; } = "";
    public required string Text { get; init; }
    public required string Html { get; init; }
}

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
