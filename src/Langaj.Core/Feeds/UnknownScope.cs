using Langaj.Core.Sources;
using Langaj.Core.Storage;

namespace Langaj.Core.Feeds;

/// <summary>
/// What a listing (a feed or <c>/api/articles</c>) names that does not exist: a source that is not configured
/// (<see cref="Parameter"/> <c>source</c>) or a category no article has had (<c>category</c>).
/// </summary>
public sealed record UnknownScope(string Parameter, string Value)
{
    public string Message => Parameter == "source" ? $"No source has the id '{Value}'." : $"No article has had the category '{Value}'.";

    /// <summary>The unknown source the listing names, or null when it names none or a configured one.</summary>
    public static UnknownScope? FindSource(ArticleQuery query, SourceCatalog catalog) =>
        query.SourceId is { } source && catalog.Find(source) is null ? new UnknownScope("source", source) : null;

    /// <summary>
    /// The unknown source, else the unknown category when the page came back empty (a page with articles
    /// proves its category exists, so a known listing costs no extra storage call); null when both are known.
    /// </summary>
    public static async Task<UnknownScope?> FindAsync(ArticleQuery query, ArticlePage page, SourceCatalog catalog, ArticleStore store, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        if (FindSource(query, catalog) is { } source)
        {
            return source;
        }
        return page.Items.Count == 0 && query.Category is { } category && !await store.HasCategoryAsync(category, cancellationToken)
            ? new UnknownScope("category", category)
            : null;
    }
}

/// <summary>A page of a feed, or what its listing names that does not exist: exactly one of the two is set.</summary>
public sealed record FeedLookup(RenderedFeed? Feed, UnknownScope? Unknown);
