using System.Text;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using AngleSharp.Text;

namespace Langaj.Core.Extraction;

/// <summary>
/// Turns the bytes of a page into a parsed document with the right character set:
/// HTTP Content-Type charset, else byte order mark, else the page's own declaration, else UTF-8.
/// </summary>
internal static partial class PageDecoder
{
    /// <summary>Deeper nesting only comes from broken or hostile markup; capping it keeps every later walk, including library ones, off the stack limit.</summary>
    private const int MaximumDepth = 256;

    /// <summary>How far into the page an undeclared encoding is looked for, as browsers do with their prescan.</summary>
    private const int PrescanBytes = 4096;

    // One parser per thread: the parser holds its own context, and extraction runs on many threads at once.
    private static readonly ThreadLocal<HtmlParser> Parser = new(() => new HtmlParser(new HtmlParserOptions
    {
        MaximumDepth = MaximumDepth,
        SkipComments = true,
        IsScripting = false,
        DisableElementPositionTracking = true,
    }));

    static PageDecoder() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static IHtmlDocument Parse(byte[] html, string? contentType)
    {
        var parser = Parser.Value!;
        var declared = HeaderEncoding(contentType);
        // Most pages are UTF-8 and say so, or say nothing: decoded in one go, they parse a third faster than from bytes.
        if (!HasBom(html) && (declared is null ? DeclaresUtf8OrNothing(html) : declared is UTF8Encoding) && Utf8.IsValid(html))
        {
            return parser.ParseDocument(Encoding.UTF8.GetString(html));
        }

        if (declared is not null)
        {
            return parser.ParseDocument(html, declared);
        }

        // Undeclared legacy pages (common among older French and German sites) are not valid UTF-8;
        // reading them as windows-1252 keeps their accents where UTF-8 would turn them into U+FFFD.
        if (!HasBom(html) && !Utf8.IsValid(html) && !DeclaresCharset(html))
        {
            return parser.ParseDocument(html, Encoding.GetEncoding(1252));
        }

        // AngleSharp sniffs the byte order mark and the <meta charset>/http-equiv declaration itself.
        return parser.ParseDocument(html, null);
    }

    internal static Encoding? HeaderEncoding(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return null;
        }

        var at = contentType.IndexOf("charset", StringComparison.OrdinalIgnoreCase);
        if (at < 0)
        {
            return null;
        }

        var value = contentType.AsSpan(at + "charset".Length).TrimStart();
        if (value.IsEmpty || value[0] != '=')
        {
            return null;
        }

        value = value[1..].Trim().Trim('"').Trim('\'');
        var end = value.IndexOfAny(';', ' ');
        var name = (end < 0 ? value : value[..end]).ToString();
        return TextEncoding.IsSupported(name) ? TextEncoding.Resolve(name) : null;
    }

    private static bool HasBom(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])
        || bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]);

    /// <summary>True when every <c>charset=</c> in the page's prelude names UTF-8, or there is none.</summary>
    private static bool DeclaresUtf8OrNothing(ReadOnlySpan<byte> bytes) =>
        CharsetDeclaration().Matches(Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, PrescanBytes)]))
            .All(m => TextEncoding.IsSupported(m.Groups[1].Value) && TextEncoding.Resolve(m.Groups[1].Value) is UTF8Encoding);

    [GeneratedRegex(@"charset\s*=\s*[""']?\s*([A-Za-z0-9_.:\-]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex CharsetDeclaration();

    private static bool DeclaresCharset(ReadOnlySpan<byte> bytes)
    {
        var prelude = bytes[..Math.Min(bytes.Length, PrescanBytes)];
        return prelude.IndexOf("charset"u8) >= 0 || prelude.IndexOf("CHARSET"u8) >= 0 || prelude.IndexOf("Charset"u8) >= 0;
    }
}
