using Azure;
using Langaj.Core.Feeds;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Api;

// The feed routes: RSS, Atom, JSON Feed and the OPML list, served from pre-rendered bytes. They
// return IResult (the Functions adapter's contract); the outcomes are FeedResult (200 or 304),
// ValidationProblem (400), and ProblemHttpResult (404 unknown source, 503 storage unavailable).
public static partial class LangajApi
{
    public static Task<IResult> GetRssFeed(HttpRequest request, FeedService feeds, CancellationToken cancellationToken) =>
        GetFeed(FeedFormat.Rss, request, feeds, cancellationToken);

    public static Task<IResult> GetAtomFeed(HttpRequest request, FeedService feeds, CancellationToken cancellationToken) =>
        GetFeed(FeedFormat.Atom, request, feeds, cancellationToken);

    public static Task<IResult> GetJsonFeed(HttpRequest request, FeedService feeds, CancellationToken cancellationToken) =>
        GetFeed(FeedFormat.Json, request, feeds, cancellationToken);

    public static async Task<IResult> GetOpml(HttpRequest request, FeedService feeds, CancellationToken cancellationToken)
    {
        // The list takes no parameters; refusing them keeps one URL per cached document.
        if (request.Query.Count > 0)
        {
            return TypedResults.ValidationProblem(request.Query.Keys.ToDictionary(k => k, k => new[] { $"{k} is not a parameter of the OPML list." }));
        }
        try
        {
            return new FeedResult(await feeds.GetOpmlAsync(cancellationToken));
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    private static async Task<IResult> GetFeed(
        FeedFormat format, HttpRequest request, FeedService feeds, CancellationToken cancellationToken)
    {
        if (ListingQuery.TryParse(request.Query, out var errors) is not { } query)
        {
            return TypedResults.ValidationProblem(errors);
        }
        try
        {
            var lookup = await feeds.GetAsync(format, query, cancellationToken);
            return lookup.Feed is { } feed ? new FeedResult(feed) : UnknownScopeProblem(lookup.Unknown!);
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }
}
