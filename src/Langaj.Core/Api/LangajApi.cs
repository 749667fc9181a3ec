using System.Text.Json.Nodes;
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
    /// <summary>Maps every route; the read routes answer OPTIONS and CORS through <see cref="PublicReadsMiddleware.UsePublicReads"/>, which the host adds.</summary>
    public static IEndpointRouteBuilder MapLangajApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api");
        // Anonymous reads: GET, HEAD and OPTIONS, with CORS (PublicReads); the operator endpoints are outside this group.
        var reads = api.MapGroup("").WithMetadata(PublicReadRoute.Marker);
        reads.MapMethods("/feeds/rss", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetRssFeed(request, feeds, ct)).WithName("RssFeed").WithTags("Feeds")
            .WithSummary("The articles as RSS 2.0, newest first").DescribedAsFeed(FeedFormat.Rss.ContentType(), styled: true).WithListingParameters();
        reads.MapMethods("/feeds/atom", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetAtomFeed(request, feeds, ct)).WithName("AtomFeed").WithTags("Feeds")
            .WithSummary("The articles as Atom 1.0, newest first").DescribedAsFeed(FeedFormat.Atom.ContentType(), styled: true).WithListingParameters();
        reads.MapMethods("/feeds/json", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetJsonFeed(request, feeds, ct)).WithName("JsonFeed").WithTags("Feeds")
            .WithSummary("The articles as JSON Feed 1.1, newest first").DescribedAsFeed(FeedFormat.Json.ContentType(), typeof(JsonObject)).WithListingParameters();
        reads.MapMethods("/feeds.opml", PublicReads.Methods, (HttpRequest request, FeedService feeds, CancellationToken ct) => GetOpml(request, feeds, ct)).WithName("Opml").WithTags("Feeds")
            .WithSummary("Every feed (all, per source, per category) as an OPML subscription list").DescribedAsFile(RenderedFeed.OpmlContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        reads.MapMethods("/feeds.xsl", PublicReads.Methods, (CancellationToken ct) => GetFeedStylesheet(ct)).WithName("FeedStylesheet").WithTags("Feeds")
            .WithSummary("The XSLT stylesheet RSS and Atom feeds name, so a browser shows a feed as a page").DescribedAsFile(FeedStylesheet.ContentType);
        reads.MapMethods("/articles", PublicReads.Methods, (HttpRequest request, ArticleStore store, SourceCatalog catalog, CancellationToken ct) => ListArticles(request, store, catalog, ct)).WithName("Articles").WithTags("Articles")
            .WithSummary("A page of articles without their content, newest first").WithListingParameters()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        reads.MapMethods("/articles/{id}", PublicReads.Methods, (string id, ArticleStore store, CancellationToken ct) => GetArticle(id, store, ct)).WithName("Article").WithTags("Articles")
            .WithSummary("One article with its cleaned HTML content")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        reads.MapMethods("/", PublicReads.Methods, (SourceCatalog catalog, ArticleStore store, HealthService health, IOptions<FeedsOptions> options, CancellationToken ct) => GetHome(catalog, store, health, options, ct)).WithName("Home").WithTags("Service")
            .WithSummary("The home page: every feed, each source's health").Produces<string>(StatusCodes.Status200OK, HomePage.ContentType.Split(';')[0]);
        reads.MapMethods("/health", PublicReads.Methods, (HealthService health, CancellationToken ct) => GetHealth(health, ct)).WithName("Health").WithTags("Service")
            .WithSummary("Storage reachable, and each source's last run").Produces<HealthReport>(StatusCodes.Status503ServiceUnavailable);
        reads.MapMethods("/openapi.json", PublicReads.Methods, (CancellationToken ct) => GetApiDocument(ct)).WithName("OpenApi").WithTags("Service")
            .WithSummary("This document").DescribedAsFile(ApiDocument.ContentType, typeof(JsonObject));
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
            if (await UnknownScope.FindAsync(query, page, catalog, store, cancellationToken) is { } unknown)
            {
                return UnknownScopeProblem(unknown);
            }
            var updated = page.Items.Count > 0 ? page.Items.Max(a => a.Updated) : (DateTimeOffset?)null;
            return new CacheableJson<ArticleListDto>(new ArticleListDto([.. page.Items.Select(ArticleDto.Summarize)], page.Next?.ToString()), updated);
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

    /// <summary>The content type of every error answer (RFC 9457), as AddProblemDetails writes it.</summary>
    public const string ProblemContentType = "application/problem+json";

    // The two shipped files below wait on nothing; they take the token as every handler the functions call does.

    /// <summary>The OpenAPI document, the same shipped bytes in both hosts.</summary>
    public static Task<IResult> GetApiDocument(CancellationToken cancellationToken) => Task.FromResult<IResult>(ApiDocument.File);

    private static readonly ShippedFile FeedStylesheetFile = ShippedFile.Load("feeds.xsl", FeedStylesheet.ContentType);

    /// <summary>The feed stylesheet, the same shipped bytes in both hosts.</summary>
    public static Task<IResult> GetFeedStylesheet(CancellationToken cancellationToken) => Task.FromResult<IResult>(FeedStylesheetFile);

    /// <summary>The home page: every feed, each source's health, the entry points for developers.</summary>
    public static async Task<IResult> GetHome(SourceCatalog catalog, ArticleStore store, HealthService health, IOptions<FeedsOptions> options, CancellationToken cancellationToken) =>
        TypedResults.Content(await HomePage.RenderAsync(catalog, store, health, options.Value, cancellationToken), HomePage.ContentType);

    public static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealth(
        HealthService health, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        return report.StorageReachable
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    // A pre-rendered body: 200 in its media type (the document omits the charset parameter), 304 to a matching
    // validator. Its schema is a string (XML, HTML) unless it is JSON. A styled feed also comes as XML to browsers.
    private static RouteHandlerBuilder DescribedAsFile(this RouteHandlerBuilder builder, string contentType, Type? json = null, bool styled = false) =>
        builder.Produces(StatusCodes.Status200OK, json ?? typeof(string), contentType.Split(';')[0], styled ? [FeedStylesheet.BrowserContentType.Split(';')[0]] : [])
            .Produces(StatusCodes.Status304NotModified);

    private static RouteHandlerBuilder DescribedAsFeed(this RouteHandlerBuilder builder, string contentType, Type? json = null, bool styled = false) =>
        builder.DescribedAsFile(contentType, json, styled).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status503ServiceUnavailable);

    private static ProblemHttpResult ArticleNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Article not found", detail: $"No article has the id '{Truncate(id)}'.");

    /// <summary>The 404 every listing route answers a listing that names an unknown source or category with.</summary>
    private static ProblemHttpResult UnknownScopeProblem(UnknownScope unknown) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: unknown.Parameter == "source" ? "Unknown source" : "Unknown category", detail: unknown.Message);

    internal static ProblemHttpResult StorageUnavailable(RequestFailedException e) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Storage unavailable",
            detail: $"Azure Storage did not answer ({e.Status}, {e.ErrorCode ?? "no error code"}); try again shortly.");

    // Echoing a hostile id back in full would let a caller make our error bodies arbitrarily large.
    private static string Truncate(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
