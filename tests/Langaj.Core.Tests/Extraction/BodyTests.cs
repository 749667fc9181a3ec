using System.Text;
using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>The body: boilerplate removal, lazy images, absolute URLs, rules, and the text layout.</summary>
public sealed class BodyTests
{
    [Fact]
    public void Text_keeps_french_typography_and_separates_blocks_by_one_blank_line()
    {
        var html = TestPages.Article().Replace("<p>« Nous", "<p>\n   « Nous   \t", StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
        Assert.Contains("\u00A0", article.Body.Text, StringComparison.Ordinal);
        Assert.Contains("\u202F", article.Body.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("\n\n\n", article.Body.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""<div class="share-buttons"><a href="https://facebook.com/sharer">Partager</a> <a href="https://twitter.com/intent">Tweet</a></div>""")]
    [InlineData("""<div class="related"><h3>À lire aussi</h3><ul><li><a href="/a">Un autre article très intéressant sur la ville</a></li><li><a href="/b">Encore un article sur le même sujet</a></li></ul></div>""")]
    [InlineData("""<div class="newsletter"><p>Inscrivez-vous à la newsletter pour ne rien rater de l’actualité locale chaque semaine.</p></div>""")]
    [InlineData("""<div id="comments"><h3>Laisser un commentaire</h3><div class="comment"><p>Super article, merci beaucoup pour ces informations très utiles !</p></div></div>""")]
    [InlineData("""<div class="pub"><span>Publicité</span></div>""")]
    [InlineData("""<p>Publicité</p>""")]
    [InlineData("""<p>- Publicité -</p>""")]
    [InlineData("""<p>Mots-clés : médiathèque, travaux, patrimoine</p>""")]
    [InlineData("""<p>Ne manquez plus rien grâce à notre newsletter du vendredi.</p>""")]
    [InlineData("""<div><p>L’information locale a un coût : soutenez notre travail, même modestement, pour qu’elle reste gratuite.</p></div>""")]
    [InlineData("""<p>Vous aimez nos articles ? Ne manquez aucune actualité de la ville, des associations et de la vie culturelle : inscrivez-vous à <a href="/newsletter/">la newsletter</a> et recevez chaque vendredi le meilleur de la semaine.</p>""")]
    [InlineData("""<div style="display: none"><p>Texte caché qui ne doit jamais apparaître dans l’article extrait.</p></div>""")]
    [InlineData("""<div aria-hidden="true"><p>Texte masqué pour les lecteurs d’écran et donc hors article.</p></div>""")]
    [InlineData("""<div hidden><p>Un autre texte caché qui ne fait pas partie du contenu principal.</p></div>""")]
    [InlineData("""<div class="cookie-consent"><p>Nous utilisons des cookies pour améliorer votre expérience sur notre site.</p><button>Accepter</button></div>""")]
    [InlineData("""<div class="modal"><h2>Adblock Detected</h2><p>Please consider supporting us by disabling your ad blocker</p></div>""")]
    [InlineData("""<div class="wp-caption"><img src="/facade.jpg" alt=""><p class="wp-caption-text">La façade de la médiathèque vue depuis la place de la Mairie, au printemps dernier.</p></div>""")]
    [InlineData("""<p>La façade de la médiathèque vue depuis la place de la Mairie. (Photo: Archives municipales)</p>""")]
    [InlineData("""<div class="affiliate-info">Pour les liens de cette page, le site peut recevoir une commission du marchand, sans surcoût pour vous.</div>""")]
    [InlineData("""<section class="editorial-disclosure"><p>Cet article contient des liens vers des produits de nos annonceurs, qui peuvent nous rémunérer.</p></section>""")]
    [InlineData("""<p><em>Anzeige, enthält Affiliate Links</em></p>""")]
    [InlineData("""<p class="image-caption">La façade de la médiathèque vue depuis la place de la Mairie, au printemps dernier.</p>""")]
    [InlineData("""<p class="breadcrumb-navigation">Vous êtes ici : <a href="/">Accueil</a> &gt; <a href="/culture/">Culture et patrimoine de la ville</a></p>""")]
    [InlineData("""<p class="post-meta">Publié par Claire Dupont dans la rubrique Culture, avec trois commentaires</p>""")]
    [InlineData("""<div class="image-legend">La façade de la médiathèque vue depuis la place de la Mairie, au printemps dernier.</div>""")]
    public void Boilerplate_inside_the_article_is_dropped(string noise)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: noise)));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void A_list_of_short_lines_with_one_linked_line_is_kept()
    {
        string[] items = ["200 g de beurre doux", "150 g de sucre", "4 œufs", "1 pincée de sel", "le zeste d’un citron non traité", "10 cl de lait entier"];
        var list = $"""<h2>Ingrédients</h2><ul>{string.Concat(items.Select(i => $"<li>{i}</li>"))}<li><a href="/levure">1 sachet de levure chimique</a></li></ul>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: list)));

        Assert.Equal(TestPages.Text + "\n\nIngrédients\n\n" + string.Join("\n\n", items), article.Body.Text);
    }

    [Fact]
    public void A_closing_sentence_set_as_a_heading_is_kept()
    {
        const string closing = "Les habitants sont invités à donner leur avis sur le projet lors de la réunion publique du 3 avril, à 19 heures, dans la grande salle des fêtes de la mairie annexe.";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: $"<h4>{closing}</h4>")));

        Assert.Equal(TestPages.Text + "\n\n" + closing, article.Body.Text);
    }

    [Fact]
    public void A_heading_starting_with_a_furniture_label_is_dropped()
    {
        var html = TestPages.Article().Replace("</p>\n<p>« Nous", "</p><h3>À lire aussi sur Exemple.fr</h3>\n<p>« Nous", StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void A_salutation_opening_the_text_is_kept()
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: "<p>Chers lecteurs,</p>")));

        Assert.Equal("Chers lecteurs,\n\n" + TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void A_table_set_in_a_figure_is_kept_without_its_caption()
    {
        const string table = """<figure><table><tr><th>Poste</th><th>Coût</th></tr><tr><td>Façade</td><td>1,2 M€</td></tr></table><figcaption>Le budget des travaux</figcaption></figure>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(after: table)));

        Assert.Equal(TestPages.Text + "\n\nPoste Coût\n\nFaçade 1,2 M€", article.Body.Text);
    }

    [Theory]
    [InlineData("""<p>Culture</p><p>Par Claire Dupont · 14 mars 2025 · 4 min de lecture</p>""")]
    [InlineData("""<div>Mis à jour le 14/03/2025 à 10:32</div>""")]
    [InlineData("""<p>By Claire Dupont</p><p>Mar 14, 2025</p>""")]
    public void Kickers_and_datelines_before_the_prose_are_dropped(string head)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: head)));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Article_header_keeps_its_standfirst_and_drops_the_rest()
    {
        const string standfirst = TestPages.Standfirst;
        var html = TestPages.Article().Replace(
            "<h1>La médiathèque rénovée</h1>",
            $"""<header><p><a href="/culture/">Culture</a></p><h1>La médiathèque rénovée</h1><p>14 mars 2025</p><p>{standfirst}</p></header>""",
            StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(standfirst + "\n\n" + TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Article_header_next_to_the_body_container_brings_its_standfirst_without_its_meta_lines()
    {
        const string standfirst = TestPages.Standfirst;
        var html = TestPages.Page($"""
            <nav><a href="/">Accueil</a> <a href="/culture/">Culture</a></nav>
            <article>
            <header>
            <span class="category">Publié dans <a href="/culture/">Culture</a></span>
            <h1>La médiathèque rénovée</h1>
            <div class="meta">Publié le 14/03/2025 à 10:32, mis à jour le 15/03/2025 à 08:05</div>
            <p>{standfirst}</p>
            </header>
            <div class="article-body">{TestPages.ParagraphsHtml}</div>
            </article>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(standfirst + "\n\n" + TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Body_written_as_one_long_paragraph_keeps_its_short_lines()
    {
        var links = string.Concat(Enumerable.Range(1, 12).Select(i => $"""<li><a href="/archives/{i}/">Archives du mois numéro {i}</a></li>"""));
        var html = TestPages.Page($"""
            <div class="post">
            <p>{string.Join(" ", TestPages.Paragraphs)}</p>
            <p>Bonne lecture à tous !</p>
            <ul>{links}</ul>
            </div>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(string.Join(" ", TestPages.Paragraphs) + "\n\nBonne lecture à tous !", article.Body.Text);
    }

    [Fact]
    public void Intro_several_wrappers_above_the_body_container_joins_it()
    {
        const string intro = TestPages.Standfirst;
        var html = TestPages.Page($"""
            <div class="page">
            <div class="intro"><p>{intro}</p></div>
            <div class="l1"><div class="l2"><div class="l3"><div class="l4"><div class="l5"><div class="l6">
            <div class="article-body">{TestPages.ParagraphsHtml}</div>
            </div></div></div></div></div></div>
            </div>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(intro + "\n\n" + TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Linking_box_after_the_body_container_stays_out()
    {
        var html = TestPages.Page($"""
            <div class="wrap">
            <div class="article-body">{TestPages.ParagraphsHtml}</div>
            <div class="box"><p>Retrouvez toutes nos informations pratiques sur les horaires et les services dans <a href="/dossiers/bibliotheques/">notre dossier sur les bibliothèques</a>.</p></div>
            </div>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void One_line_notice_before_the_body_container_stays_out()
    {
        var html = TestPages.Page($"""
            <div class="wrap">
            <div class="box"><p>Cet article vous est offert par la rédaction, bonne lecture à tous et à toutes.</p></div>
            <div class="article-body">{TestPages.ParagraphsHtml}</div>
            </div>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Article_header_keeps_a_standfirst_set_as_a_heading()
    {
        const string standfirst = TestPages.Standfirst;
        var html = TestPages.Article().Replace(
            "<h1>La médiathèque rénovée</h1>",
            $"""<header><hgroup><h2>Culture</h2><h1>La médiathèque rénovée</h1><h2>{standfirst}</h2></hgroup></header>""",
            StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(standfirst + "\n\n" + TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Intro_right_in_the_body_next_to_the_body_container_joins_it()
    {
        const string intro = TestPages.Standfirst;
        var html = TestPages.Page($"""
            <div class="intro"><p>{intro}</p></div>
            <div class="article-body">{TestPages.ParagraphsHtml}</div>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(intro + "\n\n" + TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Article_parts_each_named_like_furniture_are_the_content_together()
    {
        var parts = string.Concat(TestPages.Paragraphs.Select((p, i) => $"""<div class="part" id="toc-{i}"><p>{p}</p></div>"""));
        var html = TestPages.Page($"""
            <nav><a href="/">Accueil</a> <a href="/culture/">Culture</a></nav>
            <div class="wrap"><h1>La médiathèque rénovée</h1>{parts}</div>
            <ul class="links"><li><a href="/sport/">Toute l’actualité du sport local</a></li><li><a href="/agenda/">L’agenda des sorties de la semaine</a></li></ul>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Page_banner_next_to_the_article_stays_out()
    {
        var html = TestPages.Page($"""
            <div class="page">
            <header role="banner"><p>Exemple, le quotidien de la ville et de ses quartiers : politique, culture, sport et vie locale chaque jour.</p>
            <ul><li><a href="/">Accueil</a></li><li><a href="/culture/">Culture</a></li></ul></header>
            <div class="main"><article><h1>La médiathèque rénovée</h1>{TestPages.ParagraphsHtml}</article></div>
            </div>
            """);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Ads_between_paragraphs_are_dropped_with_their_labels()
    {
        var html = TestPages.Article().Replace("</p>\n<p>« Nous", """</p><div class="ad-container"><span>Exemple</span><ins class="adsbygoogle"></ins></div><p>« Nous""", StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void In_a_body_of_hundreds_of_paragraphs_ads_share_bars_and_related_lists_leave_no_trace()
    {
        // A wide parent: what is taken out of it is emptied in place, and must still be gone from the text and the HTML.
        var body = new StringBuilder();
        for (var i = 0; i < 400; i++)
        {
            body.Append("<p>").Append(TestPages.Paragraphs[i % TestPages.Paragraphs.Length]).Append("</p>\n");
            if (i % 5 == 4)
            {
                body.Append("""<div class="ad-slot"><span>Publicité</span><ins class="adsbygoogle"></ins></div>""").Append('\n');
            }

            if (i % 40 == 39)
            {
                body.Append("""<div class="share"><a href="https://facebook.com/">Partager</a></div><ul class="related"><li><a href="/a">À lire aussi : un autre article</a></li></ul>""");
            }

            if (i == 199)
            {
                // Loose text around a slot stays one paragraph, as if the slot had never been there.
                body.Append("""Une phrase sans paragraphe, coupée par un encart,<div class="ad-slot"><span>Publicité</span><ins class="adsbygoogle"></ins></div> qui continue après lui.""");
            }
        }

        var html = TestPages.Article().Replace(string.Concat(TestPages.Paragraphs.Select(p => $"<p>{p}</p>\n")), body.ToString(), StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        var expected = Enumerable.Range(0, 400).Select(i => TestPages.Paragraphs[i % TestPages.Paragraphs.Length]).ToList();
        expected.Insert(200, "Une phrase sans paragraphe, coupée par un encart, qui continue après lui.");
        Assert.Equal(string.Join("\n\n", expected), article.Body.Text);
        Assert.DoesNotContain("hidden", article.Body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Publicité", article.Body.Html, StringComparison.Ordinal);
        Assert.Equal(401, article.Body.Html.Split("<p>").Length - 1);
    }

    [Fact]
    public void Lazy_images_get_their_real_source_from_data_attributes_srcset_or_noscript()
    {
        const string images = """
            <figure><img src="data:image/gif;base64,R0lGOD" data-src="/img/a.jpg" alt="A"></figure>
            <figure><img data-lazy-src="/img/b.jpg" alt="B"></figure>
            <figure><img src="/img/placeholder.png" data-original="https://cdn.exemple.fr/c.jpg" alt="C"></figure>
            <figure><img data-srcset="/img/d-small.jpg 300w, /img/d-large.jpg 1200w" alt="D"></figure>
            <figure><img class="lazyload" alt="E"><noscript><img src="/img/e.jpg" alt="E"></noscript></figure>
            """;

        var html = TestPages.Article(after: images).Replace("<article>", "<article>" + string.Empty, StringComparison.Ordinal);
        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Contains("src=\"https://exemple.fr/img/a.jpg\"", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://exemple.fr/img/b.jpg\"", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://cdn.exemple.fr/c.jpg\"", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://exemple.fr/img/d-large.jpg\"", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://exemple.fr/img/e.jpg\"", article.Body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:", article.Body.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Links_images_and_srcsets_become_absolute_against_the_base()
    {
        const string head = """<base href="https://static.exemple.fr/base/">""";
        var html = TestPages.Article(head: head).Replace(
            "dix-huit mois.</p>",
            """dix-huit mois, selon <a href="../rapport.html">le rapport</a>.</p><figure><img src="img/x.jpg" srcset="img/x-1.jpg 1x, /img/x-2.jpg 2x" alt="X"></figure>""",
            StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Contains("href=\"https://static.exemple.fr/rapport.html\"", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://static.exemple.fr/base/img/x.jpg\"", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("https://static.exemple.fr/base/img/x-1.jpg 1x", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("https://static.exemple.fr/img/x-2.jpg 2x", article.Body.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Loose_text_in_divs_becomes_paragraphs_in_the_html()
    {
        var html = TestPages.Article().Replace("<p>", "<div>", StringComparison.Ordinal).Replace("</p>", "</div>", StringComparison.Ordinal);

        var article = TestPages.Article(TestPages.Extract(html));

        Assert.Equal(TestPages.Text, article.Body.Text);
        Assert.Equal(TestPages.Paragraphs.Length, article.Body.Html.Split("<p>").Length - 1);
    }

    [Fact]
    public void Content_selector_rule_wins_over_detection_and_remove_selectors_go_first()
    {
        const string after = """<div class="encart"><p>Un encart que la règle du site retire explicitement de l’article.</p></div>""";
        var html = TestPages.Article(after: after).Replace("<article>", "<article><div class=\"corps\">", StringComparison.Ordinal)
            .Replace("</article>", "</div><p class=\"hors\">Un paragraphe hors du corps, assez long pour compter comme de la prose.</p></article>", StringComparison.Ordinal);
        var rules = new ExtractionRules("div.corps", ["div.encart"]);

        var article = TestPages.Article(TestPages.Extract(html, rules: rules));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Content_selector_that_does_not_match_falls_back_to_detection()
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(), rules: new ExtractionRules("div.absent", [])));

        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Json_serialisation_round_trips()
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article()));

        var json = System.Text.Json.JsonSerializer.Serialize(article);
        var back = System.Text.Json.JsonSerializer.Deserialize<ExtractedArticle>(json)!;

        Assert.Equal(article.Body.Text, back.Body.Text);
        Assert.Equal(article.Body.Html, back.Body.Html);
    }
}
