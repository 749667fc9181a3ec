using Langaj.Core.Api;
using Langaj.Core.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>The feeds, anonymous: RSS, Atom, JSON Feed and the OPML list.</summary>
public sealed class FeedFunctions(FeedService feeds)
{
    [Function("RssFeed")]
    public Task<IResult> RssFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "feeds/rss")] HttpRequest request,
        CancellationToken cancellationToken) =>
        LangajApi.GetRssFeed(request, feeds, cancellationToken);

    [Function("AtomFeed")]
    public Task<IResult> AtomFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "feeds/atom")] HttpRequest request,
        CancellationToken cancellationToken) =>
        LangajApi.GetAtomFeed(request, feeds, cancellationToken);

    [Function("JsonFeed")]
    public Task<IResult> JsonFeed(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "feeds/json")] HttpRequest request,
        CancellationToken cancellationToken) =>
        LangajApi.GetJsonFeed(request, feeds, cancellationToken);

    [Function("Opml")]
    public Task<IResult> Opml(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "feeds.opml")] HttpRequest request,
        CancellationToken cancellationToken) =>
        LangajApi.GetOpml(request, feeds, cancellationToken);
}
