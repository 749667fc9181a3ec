using System.Text;
using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>Charset precedence: HTTP header, then byte order mark, then the page's declaration, then UTF-8.</summary>
public sealed class CharsetTests
{
    private const string Accented = "Élève à l’école, déçu mais « très » fière : où est passé l’été ?";

    static CharsetTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static string Page(string head) =>
        TestPages.Article(head: head).Replace(TestPages.Paragraphs[0], Accented + " " + TestPages.Paragraphs[0], StringComparison.Ordinal);

    private static string TextOf(byte[] bytes, string? contentType) =>
        TestPages.Article(TestPages.Extractor.Extract(bytes, contentType, TestPages.Url, ExtractionRules.None)).Body.Text;

    [Fact]
    public void Header_charset_wins_over_the_meta_declaration()
    {
        var bytes = Encoding.GetEncoding(1252).GetBytes(Page("""<meta charset="utf-8">""").Replace("<meta charset=\"utf-8\">", "", StringComparison.Ordinal) + "<!-- -->");
        var withWrongMeta = Encoding.GetEncoding(1252).GetBytes(Page("").Replace("<head>", "<head><meta charset=\"utf-8\">", StringComparison.Ordinal));

        Assert.Contains(Accented, TextOf(bytes, "text/html; charset=windows-1252"), StringComparison.Ordinal);
        Assert.Contains(Accented, TextOf(withWrongMeta, "text/html; charset=\"windows-1252\""), StringComparison.Ordinal);
    }

    [Fact]
    public void Meta_charset_and_http_equiv_are_honoured_without_a_header()
    {
        var metaCharset = Encoding.GetEncoding(1252).GetBytes(Page("").Replace("<meta charset=\"utf-8\">", "<meta charset=\"windows-1252\">", StringComparison.Ordinal));
        var httpEquiv = Encoding.Latin1.GetBytes(Page("").Replace("<meta charset=\"utf-8\">", "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">", StringComparison.Ordinal).Replace("’", "'", StringComparison.Ordinal));

        Assert.Contains(Accented, TextOf(metaCharset, "text/html"), StringComparison.Ordinal);
        Assert.Contains(Accented.Replace("’", "'", StringComparison.Ordinal), TextOf(httpEquiv, null), StringComparison.Ordinal);
    }

    [Fact]
    public void A_legacy_declaration_is_honoured_even_when_the_bytes_are_also_valid_utf8()
    {
        // UTF-8 bytes under a windows-1252 declaration read as a browser reads them: "é" as "Ã©", not as "é".
        var page = Page("").Replace("<meta charset=\"utf-8\">", "<meta charset=\"windows-1252\">", StringComparison.Ordinal);
        var misread = Encoding.GetEncoding(1252).GetString(Encoding.UTF8.GetBytes(Accented));

        Assert.Contains(misread, TextOf(Encoding.UTF8.GetBytes(page), null), StringComparison.Ordinal);
    }

    [Fact]
    public void Byte_order_mark_wins_over_the_meta_declaration()
    {
        var page = Page("").Replace("<meta charset=\"utf-8\">", "<meta charset=\"windows-1252\">", StringComparison.Ordinal);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(page)).ToArray();

        Assert.Contains(Accented, TextOf(bytes, "text/html"), StringComparison.Ordinal);
    }

    [Fact]
    public void Undeclared_page_is_utf8_and_undeclared_legacy_bytes_fall_back_to_windows_1252()
    {
        var page = Page("").Replace("<meta charset=\"utf-8\">", "", StringComparison.Ordinal);

        Assert.Contains(Accented, TextOf(Encoding.UTF8.GetBytes(page), null), StringComparison.Ordinal);
        Assert.Contains(Accented, TextOf(Encoding.GetEncoding(1252).GetBytes(page), null), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/html; charset=UTF-8", "utf-8")]
    [InlineData("text/html;charset=\"ISO-8859-1\"", "windows-1252")]
    [InlineData("text/html; charset=latin1; foo=bar", "windows-1252")]
    [InlineData("text/html", null)]
    [InlineData("text/html; charset=nonsense-42", null)]
    public void Header_charset_labels_resolve_as_browsers_do(string contentType, string? expected) =>
        Assert.Equal(expected, PageDecoder.HeaderEncoding(contentType)?.WebName);
}
