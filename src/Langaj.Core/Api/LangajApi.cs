using Azure;
using Langaj.Core.Feeds;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Api;

/// <summary>
/// The HTTP surface of Langaj, written once. The local host maps it with minimal APIs; the Azure
/// Functions app calls the same handlers and returns their <see cref="IResult"/>.
/// </summary>
public static partial class LangajApi
{
    public static IEndpointRouteBuilder MapLangajApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        // Anonymous reads: GET, HEAD and OPTIONS, with CORS (PublicReads); the operator endpoint is outside this group.
        var reads = api.MapGroup("").AddEndpointFilter<PublicReadFilter>();
        reads.MapMethods("/feeds/rss", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetRssFeed(request, feeds, ct)).WithName("RssFeed");
        reads.MapMethods("/feeds/atom", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetAtomFeed(request, feeds, ct)).WithName("AtomFeed");
        reads.MapMethods("/feeds/json", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetJsonFeed(request, feeds, ct)).WithName("JsonFeed");
        reads.MapMethods("/feeds.opml", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetOpml(request, feeds, ct)).WithName("Opml");
        reads.MapMethods("/articles", PublicReads.Methods, (HttpRequest request, ArticleStore store, SourceCatalog catalog, CancellationToken ct) => ListArticles(request, store, catalog, ct)).WithName("Articles");
        reads.MapMethods("/articles/{id}", PublicReads.Methods, (string id, ArticleStore store, CancellationToken ct) => GetArticle(id, store, ct)).WithName("Article");
        reads.MapMethods("/", PublicReads.Methods, (SourceCatalog catalog, ArticleStore store, HealthService health, IOptions<FeedOptions> options, CancellationToken ct) => GetHome(catalog, store, health, options, ct)).WithName("Home");
        reads.MapMethods("/health", PublicReads.Methods, (HealthService health, CancellationToken ct) => GetHealth(health, ct)).WithName("Health");
        MapSourceRoutes(api);
        return app;
    }

    public static async Task<Results<CacheableJson<ArticleListDto>, ValidationProblem, ProblemHttpResult>> ListArticles(
        HttpRequest request, ArticleStore store, SourceCatalog catalog, CancellationToken cancellationToken)
    {
        if (ListingQuery.TryParse(request.Query, out var errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            var page = await store.ListAsync(query, includeContent: false, cancellationToken);
            await UnknownScopeException.ThrowIfUnknownAsync(query, page, catalog, store, cancellationToken);
            var updated = page.Items.Count > 0 ? page.Items.Max(a => a.Updated) : (DateTimeOffset?)null;
            return new CacheableJson<ArticleListDto>(new ArticleListDto([.. page.Items.Select(ArticleDto.Summarize)], page.Next), updated);
        }
        catch (ArgumentException e) when (e.ParamName == "cursor")
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["cursor"] = [e.Message] });
        }
        catch (UnknownScopeException e)
        {
            return e.Problem();
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    public static async Task<Results<CacheableJson<ArticleDto>, ProblemHttpResult>> GetArticle(
        string id, ArticleStore store, CancellationToken cancellationToken)
    {
        // An id that is not shaped like ours cannot exist: answer without a storage call.
        if (!ArticleId.IsWellFormed(id))
        {
            return ArticleNotFound(id);
        }
        try
        {
            return await store.GetAsync(id, cancellationToken) is { } article
                ? new CacheableJson<ArticleDto>(ArticleDto.From(article), article.Updated)
                : ArticleNotFound(id);
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    /// <summary>The home page: every feed, each source's health, the entry points for developers.</summary>
    public static async Task<IResult> GetHome(SourceCatalog catalog, ArticleStore store, HealthService health, IOptions<FeedOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Content(await HomePage.RenderAsync(catalog, store, health, options.Value, cancellationToken), HomePage.ContentType);

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(
        HealthService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return report.StorageReachable
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static ProblemHttpResult ArticleNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found", detail: $"No article has the id '{Truncate(id)}'.");

    internal static ProblemHttpResult StorageUnavailable(RequestFailedException e) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Storage unavailable",
            detail: $"Azure Storage did not answer ({e.Status}, {e.ErrorCode ?? "no error code"}); try again shortly.");

    // Echoing a hostile id back in full would let a caller make our error bodies arbitrarily large.
    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
