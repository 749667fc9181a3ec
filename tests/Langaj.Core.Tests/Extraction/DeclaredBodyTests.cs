using System.Text.Json;

namespace Langaj.Core.Tests.Extraction;

/// <summary>JSON-LD articleBody stands in for the markup only when the markup holds much less of the article.</summary>
public sealed class DeclaredBodyTests
{
    private static string JsonLd(string body) =>
        $$"""<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"La médiathèque rénovée","articleBody":{{JsonSerializer.Serialize(body)}}}</script>""";

    [Fact]
    public void A_script_rendered_page_gets_its_text_from_the_declared_body()
    {
        var html = $"""
            <!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>La médiathèque rénovée</title>{JsonLd(string.Join("\n", TestPages.Paragraphs))}</head>
            <body><div id="app"><figure><img src="https://exemple.fr/a.jpg"><figcaption>La façade de la médiathèque, construite en 1931, vue depuis la place.</figcaption></figure></div></body></html>
            """;

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
        Assert.Equal(4, article.Body.Html.Split("<p>").Length - 1);
    }

    [Fact]
    public void A_page_whose_markup_holds_the_article_keeps_the_markup()
    {
        // The declared body is a shorter summary here: the markup, with its structure, is the article.
        var html = TestPages.Article(head: JsonLd(TestPages.Paragraphs[0] + " " + TestPages.Paragraphs[1]));

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Declared_markup_is_parsed_and_sanitized()
    {
        var body = TestPages.ParagraphsHtml + "<script>alert(1)</script>";
        var html = $"""<!DOCTYPE html><html><head><meta charset="utf-8"><title>T</title>{JsonLd(body)}</head><body><p>Chargement…</p></body></html>""";

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
        Assert.DoesNotContain("script", article.Body.Html, StringComparison.OrdinalIgnoreCase);
    }
}
