using System.Security.Cryptography;

namespace Langaj.Core.Feeds;

/// <summary>
/// A feed as served: its bytes, the same bytes gzip- and Brotli-compressed (once, here, when the feed is
/// rendered or loaded: every request is then answered from these arrays) and the validators of a
/// conditional GET. The ETag is a hash of the bytes, not of when they were rendered, so re-rendering
/// unchanged articles keeps it, on every instance.
/// </summary>
public sealed record RenderedFeed(byte[] Body, byte[] Gzip, byte[] Brotli, string ContentType, string ETag, DateTimeOffset LastModified)
{
    public const string OpmlContentType = "text/x-opml; charset=utf-8";

    public static RenderedFeed From(byte[] body, string contentType, DateTimeOffset lastModified) =>
        new(body,
            ContentCoding.Compress(body, ContentCoding.Gzip, smallest: true),
            ContentCoding.Compress(body, ContentCoding.Brotli, smallest: true),
            contentType, StrongETag(body), lastModified);

    /// <summary>The bytes in a coding from <see cref="ContentCoding.Choose"/> (null: as they are).</summary>
    public byte[] Encoded(string? coding) => coding switch
    {
        ContentCoding.Brotli => Brotli,
        ContentCoding.Gzip => Gzip,
        _ => Body,
    };

    /// <summary>A quoted strong entity tag: the first 128 bits of the SHA-256 of the bytes, in hex.</summary>
    public static string StrongETag(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";
}
