using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Langaj.Core;

/// <summary>
/// The content codings Langaj answers in (RFC 9110 §8.4): Brotli, else gzip, else the bytes as they
/// are, by the client's <c>Accept-Encoding</c> and its q-values; compression is System.IO.Compression's.
/// </summary>
public static class ContentCoding
{
    public const string Brotli = "br";
    public const string Gzip = "gzip";

    /// <summary>The coding to answer in, or null for none (no header, nothing acceptable, or only identity).</summary>
    public static string? Choose(HttpRequest request)
    {
        if (request.Headers.AcceptEncoding.Count == 0
            || !StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptEncoding, out var accepted))
        {
            return null;
        }
        double Quality(string coding) =>
            accepted.FirstOrDefault(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase))?.Quality
            ?? accepted.FirstOrDefault(a => a.Value == "*")?.Quality
            ?? (accepted.Any(a => a.Value.Equals(coding, StringComparison.OrdinalIgnoreCase) || a.Value == "*") ? 1 : 0);
        var brotli = Quality(Brotli);
        var gzip = Quality(Gzip);
        return brotli > 0 && brotli >= gzip ? Brotli : gzip > 0 ? Gzip : null;
    }

    /// <summary>The bytes in a coding: smallest (slow) for bytes kept and served many times, fast for one answer.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> body, string coding, bool smallest)
    {
        if (coding == Brotli)
        {
            var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(body.Length)];
            if (!BrotliEncoder.TryCompress(body, buffer, out var written, quality: smallest ? 11 : 4, window: 22))
            {
                throw new InvalidOperationException("Brotli did not fit its own maximum compressed length.");
            }
            return buffer[..written];
        }
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, smallest ? CompressionLevel.SmallestSize : CompressionLevel.Fastest))
        {
            gzip.Write(body);
        }
        return output.ToArray();
    }

    /// <summary>The strong ETag of one coding of a body: a coded representation is other bytes, so another tag.</summary>
    public static string ETag(string identityETag, string? coding) =>
        coding is null ? identityETag : identityETag.Insert(identityETag.Length - 1, "-" + coding);
}
