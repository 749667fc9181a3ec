using Langaj.Core.Feeds;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Langaj.Core.Api;

/// <summary>
/// A rendered feed as an HTTP answer, for both hosts: 304 with no body when the reader's copy is
/// current (RFC 9110 If-None-Match, else If-Modified-Since), else 200 with the bytes; either way with
/// the validators and caching headers, so that readers and CDNs come back cheaply.
/// </summary>
public sealed class FeedResult(RenderedFeed feed) : IResult
{
    /// <summary>Five minutes fresh, then served stale for up to a day while a cache revalidates it.</summary>
    public const string CacheControl = "public, max-age=300, stale-while-revalidate=86400";

    public RenderedFeed Feed { get; } = feed;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.Headers.ETag = Feed.ETag;
        response.GetTypedHeaders().LastModified = Feed.LastModified;
        response.Headers.CacheControl = CacheControl;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (IsNotModified(httpContext.Request, Feed))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = Feed.ContentType;
        response.ContentLength = Feed.Body.Length;
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(Feed.Body, httpContext.RequestAborted);
        }
    }

    /// <summary>
    /// If-None-Match, when sent, decides alone (a list of tags or <c>*</c>, compared weakly as RFC 9110
    /// requires for GET); only without it does If-Modified-Since count, to the second.
    /// </summary>
    private static bool IsNotModified(HttpRequest request, RenderedFeed feed)
    {
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            var current = new EntityTagHeaderValue(feed.ETag);
            return EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
                && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
        }
        var since = request.GetTypedHeaders().IfModifiedSince;
        var lastModified = feed.LastModified.ToUniversalTime();
        return since is not null && lastModified.AddTicks(-(lastModified.Ticks % TimeSpan.TicksPerSecond)) <= since.Value;
    }
}
