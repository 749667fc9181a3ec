namespace Langaj.Core.Extraction;

/// <summary>What a page says about its article outside the body: JSON-LD, meta tags, links, byline, breadcrumb.</summary>
internal sealed record PageMetadata
{
    public string? Title { get; init; }
    public string? SiteName { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    public string? Image { get; init; }
    public string? Language { get; init; }
    public string? CanonicalUrl { get; init; }
    public string? Description { get; init; }
    /// <summary>JSON-LD articleBody: the body only when the markup holds much less of it (see <see cref="DeclaredBody"/>).</summary>
    public string? JsonLdBody { get; init; }
    /// <summary>og:type or the JSON-LD type, to tell articles from home pages.</summary>
    public bool DeclaresArticle { get; init; }
    public bool DeclaresWebsite { get; init; }
}
