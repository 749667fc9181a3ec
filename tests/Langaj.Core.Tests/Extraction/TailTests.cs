namespace Langaj.Core.Tests.Extraction;

/// <summary>The end of the body: what news and blog pages put after the last paragraph of the article.</summary>
public sealed class TailTests
{
    [Theory]
    [InlineData("""<p>Publié le 14 mars 2025 dans <a href="/culture/">Culture</a> et <a href="/ville/">Ville</a>, par la rédaction</p>""")]
    [InlineData("""<p>Suivez-nous sur les réseaux sociaux pour ne rien manquer de l’actualité de votre ville.</p>""")]
    [InlineData("""<p><em>Ce texte est publié sous licence Creative Commons BY-SA 4.0, les photos en sont exclues.</em></p>""")]
    [InlineData("""<p>Kategorie: Kultur</p><p>Dieser Artikel ist urheberrechtlich geschützt, alle Rechte vorbehalten.</p>""")]
    public void Closing_lines_after_the_last_paragraph_are_dropped(string closing)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: closing)));

        Assert.Equal(TestPages.Text, article.Text);
    }
}
