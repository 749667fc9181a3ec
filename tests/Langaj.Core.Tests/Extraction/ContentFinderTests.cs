using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>The body's measure read from the page's index is the measure the body would get on its own.</summary>
public sealed class ContentFinderTests
{
    private static readonly HashSet<IElement> NoneUnlikely = [];

    [Fact]
    public void A_body_measured_within_the_page_measures_as_it_does_alone()
    {
        var html = TestPages.Article(after: """Une ligne laissée directement dans l’article par l’éditeur, assez longue pour compter comme de la prose. <aside class="related"><h2>À lire aussi</h2><ul><li><a href="/a">Le budget voté</a></li><li><a href="/b">La piscine rouvre</a></li></ul></aside><div><p>Un dernier paragraphe assez long pour compter comme de la prose dans la mesure du corps de l’article.</p></div>""");
        var document = new HtmlParser().ParseDocument(html);
        var article = document.QuerySelector("article")!;

        var within = ContentFinder.Measure(document.Body!).Within(article, NoneUnlikely);
        var alone = ContentFinder.Measure(article, NoneUnlikely);

        Assert.NotNull(within);
        Assert.Equal(alone.Best(), within.Best());
        Assert.Equal(alone.ProseOf(0), within.ProseOf(0));
        Assert.True(within.ProseOf(0) > 0);
    }

    [Fact]
    public void An_element_whose_text_counts_towards_a_link_above_it_is_measured_again()
    {
        var document = new HtmlParser().ParseDocument(TestPages.Page("""<a href="/carte"><div class="carte"><p>Une carte entière dans un lien, comme sur les pages d’accueil des sites d’information.</p></div></a>"""));

        var page = ContentFinder.Measure(document.Body!);

        Assert.Null(page.Within(document.QuerySelector("div.carte")!, NoneUnlikely));
        Assert.Null(page.Within(document.CreateElement("div"), NoneUnlikely));
    }
}
