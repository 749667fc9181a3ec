using Langaj.Core.Feeds;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Api;

/// <summary>
/// A rendered feed as an HTTP answer, for both hosts: its pre-rendered bytes, in the coding the client
/// accepts (compressed when the feed was rendered, never per request), in the type a reader or a browser
/// wants (<see cref="FeedStylesheet.Negotiate"/>), through <see cref="ConditionalGet"/>.
/// </summary>
public sealed class FeedResult(RenderedFeed feed) : IResult
{
    public RenderedFeed Feed { get; } = feed;

    public Task ExecuteAsync(HttpContext httpContext) =>
        ConditionalGet.AnswerAsync(httpContext, Feed.Body, FeedStylesheet.Negotiate(httpContext, Feed.ContentType), Feed.LastModified);
}
