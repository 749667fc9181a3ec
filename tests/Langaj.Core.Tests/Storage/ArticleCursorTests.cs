using Langaj.Core.Storage;

namespace Langaj.Core.Tests.Storage;

public sealed class ArticleCursorTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not a cursor")]
    [InlineData("@@@")]
    [InlineData("eCcgb3IgUGFydGl0aW9uS2V5IG5lICc")] // base64url of "x' or PartitionKey ne '"
    [InlineData("MDAwMDAwMDAwMDAwMDAwMDAwMF8vZXRj")] // base64url of a well-formed prefix and "/etc"
    [InlineData("bm90LWEtY3Vyc29y")] // base64url of "not-a-cursor"
    [InlineData("_w")] // base64url of the byte 0xFF: not UTF-8
    [InlineData("A")] // not base64url at all: one character is less than a byte
    public void Text_no_page_handed_out_does_not_parse(string? text)
    {
        Assert.False(ArticleCursor.TryParse(text, out var cursor));
        Assert.Null(cursor);
    }

    [Fact]
    public void A_cursor_reads_back_from_its_text()
    {
        var cursor = ArticleCursor.After(ArticleIndex.SortKey(new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero), "0123456789abcdef0123456789abcdef"));

        Assert.Matches("^[A-Za-z0-9_-]+$", cursor.ToString());
        Assert.True(ArticleCursor.TryParse(cursor.ToString(), out var parsed));
        Assert.Equal(cursor, parsed);
    }
}
