using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Langaj.Core.Api;

/// <summary>
/// A listing (a feed or <c>/api/articles</c>) names a source that is not configured or a category no
/// article has had. Every listing route answers it with the same 404 problem, <see cref="Problem"/>.
/// </summary>
public sealed class UnknownScopeException(string parameter, string value)
    : KeyNotFoundException(parameter == "source" ? $"No source has the id '{value}'." : $"No article has had the category '{value}'.")
{
    public string Parameter { get; } = parameter;

    public ProblemHttpResult Problem() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Parameter == "source" ? "Unknown source" : "Unknown category", detail: Message);

    /// <summary>
    /// Throws for an unknown source, or for an unknown category when the page came back empty (a page
    /// with articles proves its category exists, so a known listing costs no extra storage call).
    /// </summary>
    public static async Task ThrowIfUnknownAsync(ArticleQuery query, ArticlePage page, SourceCatalog catalog, ArticleStore store, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        if (query.SourceId is { } source && catalog.Find(source) is null)
        {
            throw new UnknownScopeException("source", source);
        }
        if (page.Items.Count == 0 && query.Category is { } category && !await store.HasCategoryAsync(category, cancellationToken))
        {
            throw new UnknownScopeException("category", category);
        }
    }
}
