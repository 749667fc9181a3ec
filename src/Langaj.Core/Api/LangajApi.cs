using Langaj.Core.Feeds;
using Langaj.Core.Scraping;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

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
        api.MapGet("/feeds/rss", (HttpRequest request, FeedService feeds, CancellationToken ct) => GetRssFeed(request, feeds, ct)).WithName("RssFeed");
        api.MapGet("/feeds/atom", (HttpRequest request, FeedService feeds, CancellationToken ct) => GetAtomFeed(request, feeds, ct)).WithName("AtomFeed");
        api.MapGet("/articles", (HttpRequest request, ArticleStore store, CancellationToken ct) => ListArticles(request, store, ct)).WithName("Articles");
        api.MapGet("/articles/{id}", (string id, ArticleStore store, CancellationToken ct) => GetArticle(id, store, ct)).WithName("Article");
        api.MapGet("/feeds/json", (HttpRequest request, FeedService feeds, CancellationToken ct) => GetJsonFeed(request, feeds, ct)).WithName("JsonFeed");
        api.MapGet("/feeds.opml", (HttpRequest request, FeedService feeds, CancellationToken ct) => GetOpml(request, feeds, ct)).WithName("Opml");
        api.MapGet("/health", (HealthService health, CancellationToken ct) => GetHealth(health, ct)).WithName("Health");
        api.MapPost("/sources/{id}/scrape", (string id, HttpRequest request, ScrapeRunner runner, CancellationToken ct) => ScrapeSource(id, request, runner, ct)).WithName("ScrapeSource");
        return app;
    }

    public static Task<IResult> ListArticles(HttpRequest request, ArticleStore store, CancellationToken cancellationToken) => throw new NotImplementedException();

    public static Task<IResult> GetArticle(string id, ArticleStore store, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Operator endpoint: scrape one source now. The Functions app guards it with a function key.</summary>
    public static Task<IResult> ScrapeSource(string id, HttpRequest request, ScrapeRunner runner, CancellationToken cancellationToken) => throw new NotImplementedException();

    public static Task<IResult> GetHealth(HealthService health, CancellationToken cancellationToken) => throw new NotImplementedException();
}
