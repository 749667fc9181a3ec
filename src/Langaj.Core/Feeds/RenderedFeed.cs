namespace Langaj.Core.Feeds;

/// <summary>
/// A feed as served: its bytes in every coding (compressed once, when the feed is rendered or loaded: every
/// request is then answered from these) and the validators of a conditional GET. The ETag is a hash of the
/// bytes, not of when they were rendered, so re-rendering unchanged articles keeps it, on every instance.
/// </summary>
public sealed record RenderedFeed(CodedBody Body, string ContentType, DateTimeOffset LastModified)
{
    public const string OpmlContentType = "text/x-opml; charset=utf-8";

    public static RenderedFeed From(byte[] body, string contentType, DateTimeOffset lastModified) =>
        new(CodedBody.Precompressed(body), contentType, lastModified);

    /// <summary>The strong ETag of the uncompressed bytes.</summary>
    public string ETag => Body.ETag;
}
