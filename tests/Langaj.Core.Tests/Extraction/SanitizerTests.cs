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
}
