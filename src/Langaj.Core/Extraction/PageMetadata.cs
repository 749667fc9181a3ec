namespace Langaj.Core.Extraction;

/// <summary>What a page says about its article outside the body: JSON-LD, meta tags, links, byline, breadcrumb.</summary>
internal sealed record PageMetadata
{
    /// <summary>
    /// The article's metadata as the page declares it; its title and its summary (the page's description) are empty
    /// when the page gives none, and extraction then takes them from the body.
    /// </summary>
    public required ArticleMetadata Article { get; init; }
    public string? SiteName { get; init; }
    public string? CanonicalUrl { get; init; }
    /// <summary>JSON-LD articleBody: the body only when the markup holds much less of it (see <see cref="DeclaredBody"/>).</summary>
    public string? JsonLdBody { get; init; }
    /// <summary>og:type or the JSON-LD type, to tell articles from home pages.</summary>
    public bool DeclaresArticle { get; init; }
    public bool DeclaresWebsite { get; init; }

    /// <summary>The headline the page declares; null when it declares none.</summary>
    public string? Title => Article.Title.Length > 0 ? Article.Title : null;
}
