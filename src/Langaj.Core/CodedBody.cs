using System.Security.Cryptography;

namespace Langaj.Core;

/// <summary>
/// A body known in full before it is sent, as it goes out in each content coding of <see cref="ContentCoding"/>:
/// its bytes and their strong ETag. A feed or a shipped file is compressed once, at the smallest setting, when it
/// is made, and every request is answered from those arrays and tags; a JSON answer, made for one request, is
/// compressed fast and only into the coding that request accepts.
/// </summary>
public sealed class CodedBody
{
    private readonly (byte[] Bytes, string ETag)? _gzip;
    private readonly (byte[] Bytes, string ETag)? _brotli;

    private CodedBody(byte[] identity, bool precompress)
    {
        Identity = identity;
        ETag = StrongETag(identity);
        if (precompress)
        {
            _gzip = (ContentCoding.Compress(identity, ContentCoding.Gzip, smallest: true), ContentCoding.ETag(ETag, ContentCoding.Gzip));
            _brotli = (ContentCoding.Compress(identity, ContentCoding.Brotli, smallest: true), ContentCoding.ETag(ETag, ContentCoding.Brotli));
        }
    }

    /// <summary>Compressed now into every coding, for bytes kept and served many times.</summary>
    public static CodedBody Precompressed(byte[] identity) => new(identity, precompress: true);

    /// <summary>Compressed when asked for, for bytes made for one answer.</summary>
    public static CodedBody OnDemand(byte[] identity) => new(identity, precompress: false);

    /// <summary>The bytes as they are (no coding).</summary>
    public byte[] Identity { get; }

    /// <summary>The strong ETag of <see cref="Identity"/>.</summary>
    public string ETag { get; }

    /// <summary>The bytes and their ETag in a coding from <see cref="ContentCoding.Choose"/> (null: as they are).</summary>
    public (byte[] Bytes, string ETag) In(string? coding) => coding switch
    {
        null => (Identity, ETag),
        ContentCoding.Gzip when _gzip is { } gzip => gzip,
        ContentCoding.Brotli when _brotli is { } brotli => brotli,
        _ => (ContentCoding.Compress(Identity, coding, smallest: false), ContentCoding.ETag(ETag, coding)),
    };

    /// <summary>A quoted strong entity tag: the first 128 bits of the SHA-256 of the bytes, in hex.</summary>
    private static string StrongETag(byte[] body) => $"\"{Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16))}\"";
}
