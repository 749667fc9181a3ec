using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>An XSS corpus placed inside a real article: the body keeps its text, loses every active part.</summary>
public sealed class SanitizerTests
{
    [Theory]
    [InlineData("""<script>alert('xss')</script>""", "alert")]
    [InlineData("""<img src="x.jpg" onerror="alert(1)" alt="photo">""", "onerror")]
    [InlineData("""<a href="javascript:alert(1)">lien piégé</a>""", "javascript:")]
    [InlineData("""<a href="JaVaScRiPt:alert(1)">lien piégé</a>""", "alert")]
    [InlineData("""<iframe src="https://evil.example/"></iframe>""", "iframe")]
    [InlineData("""<form action="https://evil.example/"><input name="q"><button>Envoyer</button></form>""", "form")]
    [InlineData("""<svg onload="alert(1)"><circle r="1"/></svg>""", "onload")]
    [InlineData("""<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">donnée</a>""", "data:")]
    [InlineData("""<p style="background:url(javascript:alert(1))" onclick="alert(1)">clic</p>""", "onclick")]
    [InlineData("""<object data="evil.swf"></object><embed src="evil.swf">""", "evil.swf")]
    [InlineData("""<img src="x.jpg" srcset="ok.jpg 1x, javascript:alert(1) 2x" alt="x">""", "javascript:")]
    [InlineData("""<style>p { color: red }</style><link rel="stylesheet" href="evil.css">""", "evil.css")]
    [InlineData("""<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>""", "onerror")]
    public void Active_content_never_reaches_the_html(string payload, string forbidden)
    {
        var html = TestPages.Article().Replace("dix-huit mois.</p>", "dix-huit mois." + payload + "</p>", StringComparison.Ordinal);

        var result = TestPages.Extract(html);

        Assert.True(result.IsArticle, result.NoArticleReason);
        Assert.DoesNotContain(forbidden, result.Article!.Body.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", result.Article.Body.Html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Le conseil municipal a voté mardi soir", result.Article.Body.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_allowlisted_tags_and_attributes_remain()
    {
        var html = TestPages.Article().Replace(
            "dix-huit mois.</p>",
            """dix-huit mois, <span class="x" data-track="1" id="y"><em title="t">selon</em> <sub>le</sub> <code>maire</code></span>.</p><table class="t"><tr><th>A</th><td>B</td></tr></table>""",
            StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Contains("<em>selon</em>", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("<sub>le</sub>", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("<code>maire</code>", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("<th>A</th>", article.Body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("class=", article.Body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data-track", article.Body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("<span", article.Body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("title=", article.Body.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_paragraph_never_holds_a_block()
    {
        // An editor's inline wrapper around a paragraph, in a box holding loose text: the loose text gets paragraphs of its own.
        var html = TestPages.Article().Replace(
            "dix-huit mois.</p>",
            """dix-huit mois.</p><div>La commission a remis ses conclusions au maire après six mois d’auditions publiques. <span class="encadre"><p>Le rapport recommande de garder la façade d’origine et d’agrandir la salle de lecture.</p></span> Chacun peut le lire et le commenter jusqu’à la fin du mois.</div>""",
            StringComparison.Ordinal);

        var body = Parse(TestPages.Article(TestPages.Extract(html)).Body.Html);

        Assert.Empty(body.QuerySelectorAll("p p, p ul, p table, p blockquote, p h2, p h3"));
        string[] expected = ["La commission a remis ses conclusions au maire après six mois d’auditions publiques.", "Le rapport recommande de garder la façade d’origine et d’agrandir la salle de lecture.", "Chacun peut le lire et le commenter jusqu’à la fin du mois."];
        var blocks = body.Children.Select(block => block.TextContent.Trim()).ToList();
        Assert.Equal(expected, blocks.Skip(blocks.IndexOf(expected[0])).Take(3));
    }

    [Fact]
    public void A_table_keeps_its_caption_and_a_body_that_is_a_table_keeps_its_rows()
    {
        var table = """<table class="vote"><caption>Résultat du vote du conseil municipal</caption><tr><th>Pour</th><td>Vingt et un conseillers ont voté pour la rénovation complète de la médiathèque, dont l’opposition.</td></tr><tr><th>Contre</th><td>Quatre conseillers ont voté contre, jugeant le coût trop élevé pour les finances de la ville cette année.</td></tr></table>""";

        var inArticle = Parse(TestPages.Article(TestPages.Extract(TestPages.Article(after: table))).Body.Html);
        var asBody = Parse(TestPages.Article(TestPages.Extract(TestPages.Page(table), rules: new ExtractionRules("table.vote tbody", []))).Body.Html);

        Assert.Equal("Résultat du vote du conseil municipal", inArticle.QuerySelector("table > caption")?.TextContent);
        Assert.Equal(2, asBody.QuerySelectorAll("table > tbody > tr").Length);
        Assert.Equal(["Pour", "Contre"], asBody.QuerySelectorAll("tr > th").Select(th => th.TextContent));
    }

    [Fact]
    public void A_body_of_many_paragraphs_keeps_each_one_in_order()
    {
        // More paragraphs than one sanitizer batch holds: the body goes through in several.
        var paragraphs = Enumerable.Range(1, 450).Select(i => $"Paragraphe numéro {i} du compte rendu intégral de la séance du conseil municipal.").ToList();
        var html = TestPages.Page("<article><h1>Compte rendu</h1>" + string.Concat(paragraphs.Select(p => $"<p>{p}</p>")) + "</article>");

        var body = Parse(TestPages.Article(TestPages.Extract(html)).Body.Html);

        Assert.Equal(paragraphs, body.QuerySelectorAll("p").Select(p => p.TextContent));
    }

    private static AngleSharp.Dom.IElement Parse(string html) =>
        new AngleSharp.Html.Parser.HtmlParser().ParseDocument($"<body>{html}</body>").Body!;
}
