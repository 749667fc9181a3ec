namespace Langaj.Core.Feeds;

/// <summary>
/// Which articles a feed holds and how it presents itself: all articles, one source's, one
/// category's, or (only rendered on demand) one source's articles in one category.
/// </summary>
/// <param name="Key">Where its pre-rendered first page lives in the feeds container (<c>all</c>,
/// <c>source/{id}</c>, <c>category/{slug}</c>); null for the combined filter, which is never pre-rendered.</param>
internal sealed record FeedScope(
    string? Key,
    string Id,
    string Title,
    string Description,
    string? Language,
    Uri HomeUrl,
    string Publisher,
    string? SourceId,
    string? Category)
{
    /// <summary>
    /// The <see cref="Key"/> of the scope of a source and a category slug: all articles, one source's, one
    /// category's; none for the combined filter or for a name with no letter or digit (an empty slug has no
    /// articles: rendered, never kept).
    /// </summary>
    public static string? KeyOf(string? sourceId, string? categorySlug) => (sourceId, categorySlug) switch
    {
        (null, null) => "all",
        ({ } id, null) => $"source/{id}",
        (null, { Length: > 0 } slug) => $"category/{slug}",
        _ => null,
    };
}
