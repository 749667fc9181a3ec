using System.Text;
using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>Pages without an article give a reason, never a menu as a body; hostile input never throws.</summary>
public sealed class NotAnArticleTests
{
    [Fact]
    public void Home_page_made_of_a_menu_and_teasers_is_not_an_article()
    {
        var teasers = string.Concat(Enumerable.Range(1, 12).Select(i =>
            $"""<div class="teaser"><h2><a href="/article-{i}/">Titre de l’article numéro {i} de la une du jour</a></h2><a href="/article-{i}/">Lire</a></div>"""));
        var html = $"""
            <html lang="fr"><head><title>Exemple - L’actualité</title><meta property="og:type" content="website"></head>
            <body><header><nav><a href="/">Accueil</a><a href="/sport/">Sport</a><a href="/culture/">Culture</a></nav></header>
            <main>{teasers}</main><footer><a href="/contact/">Contact</a></footer></body></html>
            """;

        var result = TestPages.Extract(html, url: new Uri("https://exemple.fr/"));

        Assert.False(result.IsArticle);
        Assert.False(string.IsNullOrWhiteSpace(result.NoArticleReason));
    }

    [Fact]
    public void Show_notes_with_more_links_than_prose_inside_an_article_are_an_article()
    {
        var links = string.Concat(Enumerable.Range(1, 12).Select(i => $"""<li><a href="/episode-{i}/">Épisode {i} : la médiathèque et ses archives</a></li>"""));
        var html = $"""
            <html lang="fr"><head><meta charset="utf-8"><title>Épisode 70 - Exemple</title></head>
            <body><nav><a href="/">Accueil</a></nav>
            <article><h1>Épisode 70</h1><div class="entry-content"><p>{TestPages.Paragraphs[0]}</p><p>{TestPages.Paragraphs[1]}</p><ul>{links}</ul></div></article>
            </body></html>
            """;

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.StartsWith(TestPages.Paragraphs[0] + "\n\n" + TestPages.Paragraphs[1], article.Body.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("<html><head><title>Vide</title></head><body></body></html>")]
    [InlineData("<html><body><p>Trop court.</p></body></html>")]
    public void Empty_pages_are_not_articles(string html) => Assert.False(TestPages.Extract(html).IsArticle);

    [Theory]
    [InlineData("<html><head><title>Just a moment...</title></head><body><div id=\"cf-challenge\">Checking your browser before accessing exemple.fr.</div><script>window._cf_chl_opt={}</script></body></html>")]
    [InlineData("<html><head><title>Attention Required! | Cloudflare</title></head><body><h1>Sorry, you have been blocked</h1></body></html>")]
    [InlineData("<html><head><title>Access denied</title></head><body><h1>Access denied</h1><p>You don't have permission to access this page on this server. Reference #18.2f3e.</p></body></html>")]
    [InlineData("<html><head><title>404 Not Found</title></head><body><h1>Not Found</h1><p>The requested URL was not found on this server.</p></body></html>")]
    [InlineData("<html><head><title>Page introuvable</title></head><body><h1>Oups !</h1><p>La page que vous cherchez n’existe pas ou a été déplacée. Retournez à l’accueil pour continuer votre lecture.</p></body></html>")]
    public void Challenge_and_error_pages_are_not_articles(string html)
    {
        var result = TestPages.Extract(html);

        Assert.False(result.IsArticle);
        Assert.Contains("not an article", result.NoArticleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_garbage_is_not_an_article()
    {
        var garbage = new byte[64 * 1024];
        new Random(42).NextBytes(garbage);

        var result = TestPages.Extractor.Extract(garbage, "text/html", TestPages.Url, ExtractionRules.None);

        Assert.False(result.IsArticle);
    }

    [Fact]
    public void Ten_thousand_nested_elements_do_not_overflow_the_stack()
    {
        var html = TestPages.Article(after: string.Concat(Enumerable.Repeat("<div><span>", 10_000)) + "profond" + string.Concat(Enumerable.Repeat("</span></div>", 10_000)));

        var result = RunOnSmallStack(() => TestPages.Extract(html));

        Assert.True(result.IsArticle, result.NoArticleReason);
        Assert.StartsWith(TestPages.Paragraphs[0], result.Article!.Body.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Unclosed_tags_still_give_the_paragraphs()
    {
        var html = "<html><head><title>La médiathèque rénovée</title><body><div class=\"content\"><h1>La médiathèque rénovée</h1>"
            + string.Concat(TestPages.Paragraphs.Select(p => "<p>" + p)) + "<div><b><i>";

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Huge_inline_script_is_ignored()
    {
        var script = "<script>var data = \"" + new string('x', 3_000_000) + "\";</script>";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: script, after: script)));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Five_megabyte_page_is_extracted()
    {
        var builder = new StringBuilder("<html lang=\"fr\"><head><title>Gros</title></head><body><nav><a href=\"/\">Accueil</a></nav><article><h1>Gros</h1>");
        var i = 0;
        while (builder.Length < 5_000_000)
        {
            builder.Append("<p>").Append(TestPages.Paragraphs[i++ % TestPages.Paragraphs.Length]).Append("</p>");
            builder.Append("<div class=\"ad-slot\"><span>Publicité</span></div>");
        }

        builder.Append("</article></body></html>");

        var article = TestPages.Article(TestPages.Extract(builder.ToString()));

        Assert.Equal(i, article.Body.Text.Split("\n\n").Length);
        Assert.DoesNotContain("Publicité", article.Body.Text, StringComparison.Ordinal);
    }

    /// <summary>Thread-pool threads have small stacks: run where a recursive walk of the tree would overflow.</summary>
    private static T RunOnSmallStack<T>(Func<T> work)
    {
        T result = default!;
        var thread = new Thread(() => result = work(), 256 * 1024);
        thread.Start();
        thread.Join();
        return result;
    }
}
