namespace Langaj.Core.Tests.Extraction;

/// <summary>The end of the body: what news and blog pages put after the last paragraph of the article.</summary>
public sealed class TailTests
{
    [Theory]
    [InlineData("""<p>Publié le 14 mars 2025 dans <a href="/culture/">Culture</a> et <a href="/ville/">Ville</a>, par la rédaction</p>""")]
    [InlineData("""<p>Suivez-nous sur les réseaux sociaux pour ne rien manquer de l’actualité de votre ville.</p>""")]
    [InlineData("""<p><em>Ce texte est publié sous licence Creative Commons BY-SA 4.0, les photos en sont exclues.</em></p>""")]
    [InlineData("""<p>Abonnez-vous à notre édition numérique pour lire tous nos articles.</p><p>&nbsp;</p>""")]
    [InlineData("""<p>Téléchargez l’application Exemple pour iOS et Android et recevez nos alertes.</p>""")]
    [InlineData("""<p>Category : Culture, Ville</p>""")]
    [InlineData("""<p><strong>Une information à nous signaler ? Écrivez-nous à redaction@exemple.fr</strong></p>""")]
    [InlineData("""<p>Tél. : 01 23 45 67 89</p><p>E-mail : presse@exemple.fr</p>""")]
    [InlineData("""<p class="postmetadata">Der Beitrag wurde am Mittwoch, den 27. November 2024 um 15:21 Uhr veröffentlicht und unter Kultur, Stadt, Bibliotheken, Veranstaltungen abgelegt. Du kannst die Kommentare zu diesem Eintrag durch den RSS-2.0-Feed verfolgen. Kommentare sind derzeit geschlossen, aber du kannst einen Trackback auf deiner Seite einrichten.</p>""")]
    [InlineData("""<p>Vous avez aimé ? Partager cet article avec vos proches</p><p>- Publicité -</p>""")]
    [InlineData("""<p>Kategorie: Kultur</p><p>Dieser Artikel ist urheberrechtlich geschützt, alle Rechte vorbehalten.</p>""")]
    public void Closing_lines_after_the_last_paragraph_are_dropped(string closing)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: closing)));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Theory]
    [InlineData("""<h3>Über den Autor</h3><p>Hans Beispiel schreibt seit zwanzig Jahren über Stadtentwicklung, Kultur und die Bibliotheken der Region.</p>""")]
    [InlineData("""<p><strong>Sur le même sujet</strong></p><div><p>Le musée des beaux-arts ferme pour travaux pendant deux ans, les collections partent en tournée.</p><p>Il y a 3 jours</p></div>""")]
    [InlineData("""<div><h4>Cet article vous a-t-il été utile ?</h4><p>Merci, votre avis nous aide à améliorer nos articles pour tous les lecteurs.</p></div>""")]
    [InlineData("""<p><strong>Pour citer cet article :</strong></p><p>Hans Beispiel, « La médiathèque rénovée », Exemple, 14 mars 2025, en ligne.</p>""")]
    [InlineData("""<h4>Contact presse</h4><p>Jeanne Exemple</p><p>Service communication de la ville</p><p>01 23 45 67 89</p>""")]
    [InlineData("""<div class="box"><h2>Pour lire la suite</h2><p>et accéder gratuitement à trois articles par mois,</p><p><a href="/compte/">créez votre compte</a></p></div>""")]
    [InlineData("""<h3>Voir aussi</h3><div><p>Le conservatoire ouvre deux nouvelles classes de piano à la rentrée prochaine pour les adultes.</p></div>""")]
    public void What_follows_a_closing_lead_in_after_the_article_is_cut(string end)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: end)));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void A_long_body_is_cut_at_its_closing_lead_in_and_keeps_the_text_after_a_lead_in_in_its_middle()
    {
        // Thousands of paragraphs: the cut reads the body from its end, and no further than it must.
        var paragraphs = Enumerable.Range(0, 2_000).Select(i => $"{TestPages.Paragraphs[i % TestPages.Paragraphs.Length]} ({i})").ToList();
        var middle = paragraphs.Count / 2;
        var body = string.Concat(paragraphs.Select((p, i) => (i == middle ? "<h3>À lire aussi</h3>" : "") + $"<p>{p}</p>\n"));
        var html = TestPages.Page($"<article><h1>La médiathèque rénovée</h1>{body}<h3>Voir aussi</h3><div><p>Le conservatoire ouvre deux nouvelles classes de piano à la rentrée prochaine.</p></div></article>");

        var article = TestPages.Article(TestPages.Extract(html));

        // The lead-in line itself goes as a label, as in a short body.
        Assert.Equal(string.Join("\n\n", paragraphs), article.Body.Text);
    }

    [Fact]
    public void A_lead_in_followed_by_much_of_the_text_is_the_article_s_own()
    {
        var html = TestPages.Article().Replace("<p>« Nous", "<h3>À lire aussi</h3><p>« Nous", StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void A_link_closing_the_body_outside_any_paragraph_is_dropped()
    {
        var html = TestPages.Article(after: """<hr><a class="button" href="/actualites/">Retour à toutes les actualités</a>""");

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Theory]
    [InlineData("""<div class="saboxplugin-wrap"><div class="saboxplugin-desc"><p>Hans Beispiel écrit depuis vingt ans sur la ville, ses bibliothèques et ses musées, et photographie ses habitants.</p></div></div>""")]
    [InlineData("""<div class="authorbox"><p>Hans Beispiel écrit depuis vingt ans sur la ville, ses bibliothèques et ses musées, et photographie ses habitants.</p></div>""")]
    public void An_author_box_named_as_one_word_is_dropped(string box)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: box)));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void A_teaser_next_to_the_body_container_does_not_join_it()
    {
        var html = TestPages.Page($$"""
            <div class="page">
            <div class="entry-content">{{TestPages.ParagraphsHtml}}</div>
            <div><h3><a href="/culture/musee/">Le musée des beaux-arts rouvre ses portes</a></h3>
            <p>Les collections permanentes retrouvent leurs salles rénovées, avec un nouveau parcours pensé pour les familles.</p></div>
            </div>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void A_closing_line_after_a_line_break_in_the_last_paragraph_is_dropped()
    {
        const string last = "Une réunion publique est prévue le 2 avril à la mairie pour présenter le projet aux habitants.";
        var html = TestPages.Article(after: $"""<p>{last}<br><br><a href="/actualites/">Toutes les actualités de la ville</a><br></p>""");

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text + "\n\n" + last, article.Body.Text);
    }
}
