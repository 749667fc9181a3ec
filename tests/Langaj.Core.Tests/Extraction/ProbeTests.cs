using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>
/// Small pages that probe one rule each: ad slots go whole whatever their label says, and text phrases never delete
/// prose by substring (a phrase marks a short line only with a structural signal: a link-dense box, a class, a place
/// after the body).
/// </summary>
public sealed class ProbeTests
{
    private static readonly Uri FirstSiteUrl = new("https://langaj.fr/monde/europe/sommet-bruxelles-defense/");

    /// <summary>An ad slot as the first site's ad plugin (Ad Inserter) emits it: a wrapper, a label paragraph, an AdSense unit and its script.</summary>
    private static string AdSlot(int n, string label) =>
        $"""
        <div class="code-block code-block-{n}" style="margin: 8px auto; text-align: center; display: block; clear: both;">
        <p style="text-align: center;">{label}</p>
        <ins class="adsbygoogle" style="display:block; text-align:center;" data-ad-layout="in-article" data-ad-format="fluid" data-ad-client="ca-pub-0000000000000000" data-ad-slot="1234567890"></ins>
        {AdScript}</div>
        """;

    private const string AdScript = "<script>(adsbygoogle = window.adsbygoogle || []).push({});</script>";

    private static string FirstSitePage(string label, string extraBody = "") =>
        $"""
        <!DOCTYPE html>
        <html lang="fr-FR">
        <head><meta charset="UTF-8"><title>Sommet de Bruxelles : l’Europe de la défense en chantier - Langaj</title>
        <meta property="og:site_name" content="Langaj">
        <script async src="https://pagead2.googlesyndication.com/pagead/js/adsbygoogle.js?client=ca-pub-0000000000000000" crossorigin="anonymous"></script>
        </head>
        <body class="post-template-default single single-post postid-5102 single-format-standard">
        <header id="masthead" class="site-header"><div class="site-branding"><p class="site-title"><a href="https://langaj.fr/" rel="home">Langaj</a></p></div>
        <nav id="site-navigation" class="main-navigation"><ul><li><a href="/">Accueil</a></li><li><a href="/monde/">Monde</a></li></ul></nav></header>
        <div id="content" class="site-content"><div id="primary" class="content-area"><main id="main" class="site-main">
        <article id="post-5102" class="post-5102 post type-post status-publish format-standard hentry category-europe">
        <header class="entry-header"><h1 class="entry-title">Sommet de Bruxelles : l’Europe de la défense en chantier</h1></header>
        <div class="entry-content">
        <p>Les chefs d’État et de gouvernement se sont retrouvés jeudi à Bruxelles pour un sommet consacré à la défense européenne, sur fond d’inquiétude quant à l’engagement américain.</p>
        {AdSlot(1, label)}
        <p>Sur la table, un fonds commun de plusieurs dizaines de milliards d’euros destiné à financer des achats groupés de munitions et de systèmes de défense aérienne.</p>
        <p>Plusieurs capitales, dont La Haye et Stockholm, restent réticentes à l’idée d’un nouvel endettement commun et plaident pour une meilleure utilisation des budgets existants.</p>
        {extraBody}
        {AdSlot(2, label)}
        <p>Les discussions doivent reprendre en juin, lors du Conseil européen, où une décision formelle sur le calendrier et les montants est attendue par les partenaires.</p>
        </div></article></main></div></div>
        <footer id="colophon" class="site-footer"><p>© 2025 Langaj. Tous droits réservés.</p></footer>
        </body></html>
        """;

    private const string FirstSiteText =
        "Les chefs d’État et de gouvernement se sont retrouvés jeudi à Bruxelles pour un sommet consacré à la défense européenne, sur fond d’inquiétude quant à l’engagement américain.\n\n"
        + "Sur la table, un fonds commun de plusieurs dizaines de milliards d’euros destiné à financer des achats groupés de munitions et de systèmes de défense aérienne.\n\n"
        + "Plusieurs capitales, dont La Haye et Stockholm, restent réticentes à l’idée d’un nouvel endettement commun et plaident pour une meilleure utilisation des budgets existants.\n\n"
        + "Les discussions doivent reprendre en juin, lors du Conseil européen, où une décision formelle sur le calendrier et les montants est attendue par les partenaires.";

    [Theory]
    [InlineData("Langaj")]
    [InlineData("Publicité")]
    [InlineData("Annonce")]
    [InlineData("Advertisement")]
    [InlineData("Anzeige")]
    [InlineData("Sponsor du jour")]
    public void First_site_ad_slots_go_whole_whatever_the_label(string label)
    {
        var article = TestPages.Article(TestPages.Extract(FirstSitePage(label), url: FirstSiteUrl));

        Assert.Equal(FirstSiteText, article.Body.Text);
        Assert.DoesNotContain(label, article.Body.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_that_is_only_the_site_name_is_a_label()
    {
        var article = TestPages.Article(TestPages.Extract(FirstSitePage("Langaj", extraBody: "<p><strong>Langaj</strong></p>"), url: FirstSiteUrl));

        Assert.Equal(FirstSiteText, article.Body.Text);
    }

    [Theory]
    [InlineData("Pour en savoir plus, la mairie publiera chaque mois une newsletter détaillant l’avancement du chantier et les horaires de la salle provisoire.")]
    [InlineData("Les habitants qui souhaitent participer aux ateliers peuvent sign up, comme l’écrit malicieusement l’affiche bilingue, dès lundi à l’accueil.")]
    [InlineData("La question du copyright des fonds photographiques numérisés reste ouverte, et la ville a saisi un avocat spécialisé pour la trancher.")]
    public void A_last_paragraph_mentioning_a_closing_phrase_stays(string last)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: $"<p>{last}</p>")));

        Assert.Equal(TestPages.Text + "\n\n" + last, article.Body.Text);
    }

    [Fact]
    public void A_middle_paragraph_mentioning_adblock_stays()
    {
        const string middle = "Le site de la ville, saturé de bannières, affichait un message demandant de couper son adblock : l’adjointe a promis de le refondre.";
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: $"<p>{middle}</p><p>{Tail}</p>")));

        Assert.Equal(TestPages.Text + "\n\n" + middle + "\n\n" + Tail, article.Body.Text);
    }

    private const string Tail = "La réouverture est prévue pour la rentrée 2027, avec une salle d’étude agrandie et un fonds patrimonial enfin consultable par tous.";

    [Fact]
    public void A_heading_like_an_end_marker_does_not_cut_the_rest()
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: $"<h2>Recommended next steps</h2><p>{Tail}</p>")));

        Assert.Equal(TestPages.Text + "\n\nRecommended next steps\n\n" + Tail, article.Body.Text);
    }

    [Fact]
    public void A_related_box_in_the_middle_goes_and_the_paragraphs_after_it_stay()
    {
        var box = """
            <div class="related-stories"><h3>Related stories</h3><ul>
            <li><a href="/a">La piscine municipale ferme pour travaux</a></li>
            <li><a href="/b">Le marché de Noël change de place</a></li>
            <li><a href="/c">Un nouveau directeur pour le conservatoire</a></li></ul></div>
            """;
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: box + $"<p>{Tail}</p>")));

        Assert.Equal(TestPages.Text + "\n\n" + Tail, article.Body.Text);
    }

    [Fact]
    public void A_short_first_sentence_is_not_a_kicker()
    {
        const string first = "Le vote est acquis.";
        var article = TestPages.Article(TestPages.Extract(TestPages.Article().Replace("</h1>", $"</h1><p>{first}</p>", StringComparison.Ordinal)));

        Assert.Equal(first + "\n\n" + TestPages.Text, article.Body.Text);
    }
}
