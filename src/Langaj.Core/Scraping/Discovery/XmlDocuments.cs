using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>Turns the bytes of a feed or sitemap into a lenient <see cref="XmlReader"/>.</summary>
internal static partial class XmlDocuments
{
    static XmlDocuments() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>
    /// Decodes <paramref name="body"/>: a byte order mark wins, then the XML declaration's encoding, then the
    /// HTTP charset, then UTF-8. The declaration is preferred to the header because it travels with the bytes,
    /// while servers often label every XML file with one default charset.
    /// </summary>
    public static string Decode(byte[] body, string? contentType)
    {
        var detected = Encoding.UTF8;
        var preambleLength = 0;
        if (body.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            preambleLength = 3;
        }
        else if (body.AsSpan().StartsWith(Encoding.Unicode.Preamble))
        {
            (detected, preambleLength) = (Encoding.Unicode, 2);
        }
        else if (body.AsSpan().StartsWith(Encoding.BigEndianUnicode.Preamble))
        {
            (detected, preambleLength) = (Encoding.BigEndianUnicode, 2);
        }
        else if (FindEncoding(DeclarationEncoding().Match(Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 256)))) is { } declared)
        {
            detected = declared;
        }
        else if (contentType is not null
            && FindEncoding(HeaderCharset().Match(contentType)) is { } fromHeader)
        {
            detected = fromHeader;
        }
        return detected.GetString(body, preambleLength, body.Length - preambleLength);
    }

    private static Encoding? FindEncoding(Match match)
    {
        if (!match.Success)
        {
            return null;
        }
        try
        {
            // "ISO-8859-1" is labelled so by many French sites whose text is really windows-1252; the superset decodes both.
            var name = match.Groups[1].Value;
            return Encoding.GetEncoding(name.Equals("iso-8859-1", StringComparison.OrdinalIgnoreCase) ? "windows-1252" : name);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Rewrites what makes hand-written feeds ill-formed: HTML entities XML does not know (<c>&amp;nbsp;</c>,
    /// <c>&amp;eacute;</c>) become character references, unknown names and bare ampersands become <c>&amp;amp;</c>.
    /// </summary>
    public static string RepairEntities(string xml) => Ampersand().Replace(xml, match =>
    {
        if (match.Groups["cdata"].Success)
        {
            return match.Value;
        }
        var name = match.Groups["name"];
        if (!name.Success)
        {
            return "&amp;";
        }
        if (name.Value is "amp" or "lt" or "gt" or "quot" or "apos" || match.Value.StartsWith("&#", StringComparison.Ordinal))
        {
            return match.Value;
        }
        var decoded = WebUtility.HtmlDecode(match.Value);
        return decoded == match.Value
            ? "&amp;" + match.Value[1..]
            : string.Concat(decoded.EnumerateRunes().Select(r => $"&#{r.Value};"));
    });

    /// <summary>A reader that never fetches or expands a DTD, so no external entity can be reached.</summary>
    public static XmlReader CreateReader(string xml) => XmlReader.Create(new StringReader(xml), new XmlReaderSettings
    {
        DtdProcessing = DtdProcessing.Ignore,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CheckCharacters = false,
    });

    public static bool IsGzip(byte[] body) => body.Length > 2 && body[0] == 0x1f && body[1] == 0x8b;

    /// <summary>Gunzips <paramref name="body"/>, refusing to inflate past <paramref name="maxBytes"/> (a gzip bomb).</summary>
    public static byte[] Gunzip(byte[] body, long maxBytes, Uri url)
    {
        using var gzip = new GZipStream(new MemoryStream(body), CompressionMode.Decompress);
        using var output = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = gzip.Read(buffer)) > 0)
        {
            if (output.Length + read > maxBytes)
            {
                throw new DiscoveryException($"{url} inflates to more than {maxBytes} bytes, the limit (Fetch:MaxBodyBytes)");
            }
            output.Write(buffer, 0, read);
        }
        return output.ToArray();
    }

    [GeneratedRegex("""^\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']""")]
    private static partial Regex DeclarationEncoding();

    [GeneratedRegex("""charset\s*=\s*"?([A-Za-z0-9._:-]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HeaderCharset();

    // CDATA sections are matched only to be left alone: an ampersand there is already text.
    [GeneratedRegex(@"(?<cdata><!\[CDATA\[.*?\]\]>)|&(?:(?<name>#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)?", RegexOptions.Singleline)]
    private static partial Regex Ampersand();
}
