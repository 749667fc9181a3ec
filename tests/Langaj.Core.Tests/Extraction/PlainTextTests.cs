using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>How the body's text is rendered: characters kept as published, annotations left to the HTML.</summary>
public sealed class PlainTextTests
{
    [Fact]
    public void Soft_hyphens_stay_in_the_text_and_zero_width_spaces_go()
    {
        var html = TestPages.Article().Replace("médiathèque\u00A0;", "média\u00ADthèque\u200B\u00A0;", StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Contains("média\u00ADthèque\u00A0;", article.Body.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\u200B", article.Body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Ruby_annotations_are_left_out_of_the_text_and_kept_in_the_html()
    {
        var html = TestPages.Article().Replace("le bâtiment", "le <ruby>bâtiment<rp>(</rp><rt>BA-TI-MENT</rt><rp>)</rp></ruby>", StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
        Assert.Contains("BA-TI-MENT", article.Body.Html, StringComparison.Ordinal);
    }
}
