using System.Text;
using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>Builds small pages for extraction tests and runs them through one shared extractor.</summary>
internal static class TestPages
{
    public static readonly ArticleExtractor Extractor = new();

    public static readonly Uri Url = new("https://exemple.fr/actualites/2025/03/article-test/");

    /// <summary>Prose long enough to be an article: distinct French paragraphs with their typography.</summary>
    public static readonly string[] Paragraphs =
    [
        "Le conseil municipal a voté mardi soir, après trois heures de débat, la rénovation complète de la médiathèque\u00A0; les travaux commenceront à l’automne et dureront dix-huit mois.",
        "« Nous avons choisi de garder le bâtiment d’origine », explique l’adjointe à la culture, qui rappelle que la façade, construite en 1931, est inscrite à l’inventaire des monuments historiques.",
        "Le coût total est estimé à 4,2\u202Fmillions d’euros, dont la moitié sera financée par la région et par l’État au titre du plan de relance des équipements culturels de proximité.",
        "Pendant la durée du chantier, les collections seront accessibles dans une salle provisoire installée place de la Mairie, ouverte du mardi au samedi de 10\u00A0h à 18\u00A0h.",
    ];

    public static string Text => string.Join("\n\n", Paragraphs);

    /// <summary>The paragraphs as HTML, a <c>p</c> element each.</summary>
    public static string ParagraphsHtml => string.Concat(Paragraphs.Select(p => $"<p>{p}</p>"));

    /// <summary>A standfirst (or intro): one sentence, longer than a page's meta lines, shorter than its paragraphs.</summary>
    public const string Standfirst = "La ville engage trois ans de travaux pour rendre la médiathèque accessible à tous, sans fermer ses portes au public.";

    /// <summary>A French page whose whole body is <paramref name="body"/>, for tests of how the body is laid out.</summary>
    public static string Page(string body) =>
        $"""
        <!DOCTYPE html>
        <html lang="fr"><head><meta charset="utf-8"><title>La médiathèque rénovée - Exemple</title></head>
        <body>
        {body}
        </body></html>
        """;

    public static string Article(string head = "", string before = "", string after = "", string lang = "fr", string bodyAttributes = "") =>
        $"""
        <!DOCTYPE html>
        <html lang="{lang}">
        <head><meta charset="utf-8"><title>La médiathèque rénovée - Exemple</title>{head}</head>
        <body {bodyAttributes}>
        <nav><a href="/">Accueil</a> <a href="/sport/">Sport</a> <a href="/culture/">Culture</a></nav>
        <article>
        {before}
        <h1>La médiathèque rénovée</h1>
        {string.Concat(Paragraphs.Select(p => $"<p>{p}</p>\n"))}
        {after}
        </article>
        <footer><p>© Exemple 2025 — Mentions légales — Contact</p></footer>
        </body>
        </html>
        """;

    public static ExtractionResult Extract(string html, string? contentType = "text/html; charset=utf-8", ExtractionRules? rules = null, Uri? url = null) =>
        Extractor.Extract(Encoding.UTF8.GetBytes(html), contentType, url ?? Url, rules ?? ExtractionRules.None);

    public static ExtractedArticle Article(ExtractionResult result)
    {
        Assert.True(result.IsArticle, result.NoArticleReason);
        return result.Article!;
    }

    public static byte[] Testdata(string path) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "extraction", path));
}
