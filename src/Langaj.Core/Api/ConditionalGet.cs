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

    /// <param name="encoded">The body in a coding of <see cref="ContentCoding"/> (null: as it is).</param>
    /// <param name="identityETag">The strong ETag of the uncompressed body; each coding gets its own from it.</param>
    public static async Task AnswerAsync(HttpContext httpContext, Func<string?, byte[]> encoded, string contentType, string identityETag, DateTimeOffset? lastModified)
    {
        var response = httpContext.Response;
        var coding = ContentCoding.Choose(httpContext.Request);
        var etag = ContentCoding.ETag(identityETag, coding);
        response.Headers.ETag = etag;
        response.GetTypedHeaders().LastModified = lastModified;
        response.Headers.CacheControl = CacheControl;
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        if (IsNotModified(httpContext.Request, etag, lastModified))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var body = encoded(coding);
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        if (coding is not null)
        {
            response.Headers.ContentEncoding = coding;
        }
        if (!HttpMethods.IsHead(httpContext.Request.Method))
        {
            await response.Body.WriteAsync(body, httpContext.RequestAborted);
        }
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
