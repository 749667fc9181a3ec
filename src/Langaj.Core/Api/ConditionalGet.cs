using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Langaj.Core.Api;

/// <summary>
/// A body known in full before it is sent, answered as RFC 9110 conditional GET wants: 304 with no body
/// when the reader's copy is current (If-None-Match, else If-Modified-Since), else 200 with the bytes;
/// either way with the validators and caching headers, so readers, apps and CDNs come back cheaply.
/// Feeds and the JSON reads answer through here alike.
/// </summary>
public static class ConditionalGet
{
    /// <summary>Five minutes fresh, then served stale for up to a day while a cache revalidates it.</summary>
    public const string CacheControl = "public, max-age=300, stale-while-revalidate=86400";

    public static Task AnswerAsync(HttpContext httpContext, CodedBody body, string contentType, DateTimeOffset? lastModified)
    {
        var response = httpContext.Response;
        var coding = ContentCoding.Choose(httpContext.Request);
        var (bytes, etag) = body.In(coding);
        response.Headers.ETag = etag;
        if (lastModified is { } modified)
        {
            response.Headers.LastModified = HeaderUtilities.FormatDate(modified);
        }
        response.Headers.CacheControl = CacheControl;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (IsNotModified(httpContext.Request, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = bytes.Length;
        if (coding is not null)
        {
            response.Headers.ContentEncoding = coding;
        }
        // No cancellation token: the bytes are in memory, and a write to a connection the client closed
        // completes at once; registering for RequestAborted would cost every request.
        return HttpMethods.IsHead(httpContext.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(bytes).AsTask();
    }

    /// <summary>
    /// If-None-Match, when sent, decides alone (a list of tags or <c>*</c>, compared weakly as RFC 9110
    /// requires for GET); only without it does If-Modified-Since count, to the second.
    /// </summary>
    private static bool IsNotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        if (request.Headers.IfNoneMatch.Count > 0)
        {
            var current = new EntityTagHeaderValue(etag);
            return EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags)
                && tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || tag.Compare(current, useStrongComparison: false));
        }
        var since = request.GetTypedHeaders().IfModifiedSince;
        if (since is null || lastModified is null)
        {
            return false;
        }
        var modified = lastModified.Value.ToUniversalTime();
        return modified.AddTicks(-(modified.Ticks % TimeSpan.TicksPerSecond)) <= since.Value;
    }
}
