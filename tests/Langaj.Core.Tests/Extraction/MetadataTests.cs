using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>Each metadata source on its own, and the order in which sources win.</summary>
public sealed class MetadataTests
{
    [Fact]
    public void Json_ld_gives_headline_authors_dates_section_keywords_and_image()
    {
        const string jsonLd = """
            <script type="application/ld+json">
            {"@context":"https://schema.org","@type":"NewsArticle","headline":"Titre JSON-LD",
             "author":[{"@type":"Person","name":"Léa Martin"},{"@type":"Person","name":"Hugo Petit"}],
             "datePublished":"2025-03-03T18:05:00+01:00","dateModified":"2025-03-04T08:00:00Z",
             "articleSection":"Culture","keywords":"médiathèque, travaux","image":["/img/une.jpg"]}
            </script>
            """;

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: jsonLd)));

        Assert.Equal("Titre JSON-LD", article.Metadata.Title);
        Assert.Equal(["Léa Martin", "Hugo Petit"], article.Metadata.Authors);
        Assert.Equal(new DateTimeOffset(2025, 3, 3, 17, 5, 0, TimeSpan.Zero), article.Metadata.Published);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 8, 0, 0, TimeSpan.Zero), article.Metadata.Modified);
        Assert.Equal("Culture", article.Metadata.Category);
        Assert.Equal(["médiathèque", "travaux"], article.Metadata.Tags);
        Assert.Equal("https://exemple.fr/img/une.jpg", article.Metadata.Image);
    }

    [Fact]
    public void Json_ld_in_a_graph_with_a_broken_sibling_block_still_counts()
    {
        const string head = """
            <script type="application/ld+json">{ this is not json </script>
            <script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Exemple"},{"@type":["BlogPosting"],"headline":"Dans le graphe","author":"Nina Roux"}]}</script>
            """;

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: head)));

        Assert.Equal("Dans le graphe", article.Metadata.Title);
        Assert.Equal(["Nina Roux"], article.Metadata.Authors);
    }

    [Fact]
    public void OpenGraph_and_article_meta_give_everything_without_json_ld()
    {
        const string head = """
            <meta property="og:title" content="Titre OpenGraph | Exemple">
            <meta property="og:site_name" content="Exemple">
            <meta property="og:image" content="https://cdn.exemple.fr/une.jpg">
            <meta property="og:url" content="https://exemple.fr/culture/mediatheque/">
            <meta property="og:description" content="Le résumé de la page.">
            <meta property="article:published_time" content="2024-10-14T09:30:00+02:00">
            <meta property="article:modified_time" content="2024-10-15T10:00:00+02:00">
            <meta property="article:section" content="Culture">
            <meta property="article:tag" content="Patrimoine">
            <meta property="article:tag" content="Lecture">
            <meta property="article:author" content="Paul Durand">
            """;

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: head)));

        Assert.Equal("Titre OpenGraph", article.Metadata.Title);
        Assert.Equal("https://cdn.exemple.fr/une.jpg", article.Metadata.Image);
        Assert.Equal("https://exemple.fr/culture/mediatheque/", article.CanonicalUrl);
        Assert.Equal("Le résumé de la page.", article.Metadata.Summary);
        Assert.Equal(new DateTimeOffset(2024, 10, 14, 7, 30, 0, TimeSpan.Zero), article.Metadata.Published);
        Assert.Equal(new DateTimeOffset(2024, 10, 15, 8, 0, 0, TimeSpan.Zero), article.Metadata.Modified);
        Assert.Equal("Culture", article.Metadata.Category);
        Assert.Equal(["Patrimoine", "Lecture"], article.Metadata.Tags);
        Assert.Equal(["Paul Durand"], article.Metadata.Authors);
    }

    [Fact]
    public void Title_falls_back_to_h1_then_to_the_title_without_site_suffix()
    {
        var withH1 = TestPages.Article(TestPages.Extract(TestPages.Article()));
        Assert.Equal("La médiathèque rénovée", withH1.Metadata.Title);

        var withoutH1 = TestPages.Article(TestPages.Extract(TestPages.Article().Replace("<h1>La médiathèque rénovée</h1>", "", StringComparison.Ordinal)));
        Assert.Equal("La médiathèque rénovée", withoutH1.Metadata.Title);
    }

    [Theory]
    [InlineData("Un titre assez long pour un article - Le Site", null, "Un titre assez long pour un article")]
    [InlineData("Un titre | Mon Journal Local", "Mon Journal Local", "Un titre")]
    [InlineData("Mon Journal Local | Un titre", "Mon Journal Local", "Un titre")]
    [InlineData("Guerre en Ukraine - la réponse de Kiev", null, "Guerre en Ukraine - la réponse de Kiev")]
    public void Site_name_suffix_is_stripped(string title, string? siteName, string expected) =>
        Assert.Equal(expected, MetadataReader.StripSiteName(title, siteName));

    [Fact]
    public void Time_element_gives_the_published_date()
    {
        const string before = """<p class="dateline"><time datetime="2025-01-20T06:15:00Z">20 janv.</time></p>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: before)));

        Assert.Equal(new DateTimeOffset(2025, 1, 20, 6, 15, 0, TimeSpan.Zero), article.Metadata.Published);
    }

    [Theory]
    [InlineData("Publié le 3 mars 2025 à 18h05", 2025, 3, 3, 17, 5)]
    [InlineData("14 octobre 2024 à 9h30", 2024, 10, 14, 7, 30)]
    [InlineData("Publié le 1er août 2023", 2023, 7, 31, 22, 0)]
    [InlineData("Le jeudi 5 decembre 2024, 08:45", 2024, 12, 5, 7, 45)]
    public void Visible_french_date_is_read_in_the_source_s_time_zone(string byline, int year, int month, int day, int hour, int minute)
    {
        var before = $"""<div class="infos">{byline}</div>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: before), rules: InParis));

        Assert.Equal(new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero), article.Metadata.Published);
    }

    private static readonly ExtractionRules InParis = ExtractionRules.None with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris") };

    [Theory]
    [InlineData("America/Toronto", 22)] // Québec, UTC-5 in December
    [InlineData("Africa/Abidjan", 17)] // West Africa, UTC
    [InlineData("Europe/Brussels", 16)]
    public void A_french_page_is_not_necessarily_in_paris_time(string zone, int utcHour)
    {
        var before = """<div class="infos">Publié le 5 décembre 2024 à 17h00</div>""";
        var rules = ExtractionRules.None with { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(zone) };

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: before), rules: rules));

        Assert.Equal(new DateTimeOffset(2024, 12, 5, 17, 0, 0, TimeSpan.Zero).AddHours(utcHour - 17), article.Metadata.Published);
    }

    [Fact]
    public void Without_a_source_time_zone_a_date_without_offset_is_utc()
    {
        var head = """<meta property="article:published_time" content="2024-12-05T17:00:00">""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: head)));

        Assert.Equal(new DateTimeOffset(2024, 12, 5, 17, 0, 0, TimeSpan.Zero), article.Metadata.Published);
    }

    [Fact]
    public void The_page_s_declared_offset_wins_over_the_source_s_zone()
    {
        var head = """<meta property="article:published_time" content="2024-12-05T17:00:00-05:00">""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: head), rules: InParis));

        Assert.Equal(new DateTimeOffset(2024, 12, 5, 22, 0, 0, TimeSpan.Zero), article.Metadata.Published);
    }

    [Fact]
    public void Visible_update_date_is_the_modified_date()
    {
        var (published, modified) = FrenchDate.Find("Publié le 3 mars 2025 à 18h05, mis à jour le 4 mars 2025 à 7h00", InParis.TimeZone!);

        Assert.Equal(new DateTimeOffset(2025, 3, 3, 17, 5, 0, TimeSpan.Zero), published);
        Assert.Equal(new DateTimeOffset(2025, 3, 4, 6, 0, 0, TimeSpan.Zero), modified);
    }

    [Fact]
    public void Breadcrumb_gives_the_category_and_stays_out_of_the_body()
    {
        const string before = """<div class="breadcrumb"><a href="/">À la une</a> › <a href="/guerre-russie-ukraine/">Guerre Russie Ukraine</a></div>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: before)));

        Assert.Equal("Guerre Russie Ukraine", article.Metadata.Category);
        Assert.DoesNotContain("À la une", article.Body.Text, StringComparison.Ordinal);
        Assert.Equal(TestPages.Text, article.Body.Text);
    }

    [Fact]
    public void Breadcrumb_ending_with_the_headline_gives_the_crumb_before_it()
    {
        const string before = """<ol class="breadcrumbs"><li><a href="/">Accueil</a></li><li><a href="/culture/">Culture</a></li><li>La médiathèque rénovée</li></ol>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: before)));

        Assert.Equal("Culture", article.Metadata.Category);
    }

    [Fact]
    public void Byline_and_rel_author_give_authors()
    {
        const string before = """<p class="byline">Par <a rel="author" href="/auteurs/ines">Inès Garcia</a></p>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: before)));

        Assert.Equal(["Inès Garcia"], article.Metadata.Authors);
        Assert.DoesNotContain("Inès Garcia", article.Body.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("fr-FR", "", "fr")]
    [InlineData("", """<meta property="og:locale" content="de_DE">""", "de")]
    [InlineData("", """<meta http-equiv="content-language" content="es-ES">""", "es")]
    public void Language_is_normalised(string lang, string head, string expected)
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: head, lang: lang)));

        Assert.Equal(expected, article.Metadata.Language);
    }

    [Fact]
    public void Canonical_link_wins_over_og_url_and_is_absolute()
    {
        const string head = """<link rel="canonical" href="/culture/mediatheque/"><meta property="og:url" content="https://autre.fr/x">""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(head: head)));

        Assert.Equal("https://exemple.fr/culture/mediatheque/", article.CanonicalUrl);
    }

    [Fact]
    public void Summary_without_description_is_the_start_of_the_text_cut_at_a_word()
    {
        var article = TestPages.Article(TestPages.Extract(TestPages.Article()));

        Assert.True(article.Metadata.Summary.Length <= 301, article.Metadata.Summary);
        Assert.EndsWith("…", article.Metadata.Summary, StringComparison.Ordinal);
        Assert.StartsWith(TestPages.Paragraphs[0], article.Metadata.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", article.Metadata.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Lead_image_falls_back_to_the_first_figure()
    {
        const string before = """<figure><img src="/img/figure.jpg" alt=""><figcaption>La façade</figcaption></figure>""";

        var article = TestPages.Article(TestPages.Extract(TestPages.Article(before: before)));

        Assert.Equal("https://exemple.fr/img/figure.jpg", article.Metadata.Image);
    }
}
