using System.Globalization;
using System.Net;
using Langaj.Core;

namespace Langaj.Integration.Tests.Faults;

/// <summary>
/// Small generated news: article pages that extraction accepts (distinct prose per source and number), RSS feeds
/// listing them. Shared by the fault, hostile-input and scale-out suites.
/// </summary>
internal static class NewsPages
{
    public static readonly DateTimeOffset Epoch = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    public static string Title(string sourceId, int number) => $"Dépêche {number} de la source {sourceId}";

    /// <summary>A sentence only this article has, to find it (or not) in API answers.</summary>
    public static string Marker(string sourceId, int number) => $"Repère {sourceId}-{number}-fin.";

    public static DateTimeOffset Published(int number) => Epoch.AddHours(number);

    /// <summary>
    /// An article page: a title, a category, a date and four paragraphs; <paramref name="aside"/> is placed inside the
    /// article between the second and third paragraphs (what a per-source rule may remove).
    /// </summary>
    public static string Article(string sourceId, int number, string category, string aside = "") =>
        $"""
        <!DOCTYPE html>
        <html lang="fr">
        <head><meta charset="utf-8"><title>{WebUtility.HtmlEncode(Title(sourceId, number))}</title>
        <meta property="article:published_time" content="{Published(number).ToString("O", CultureInfo.InvariantCulture)}">
        <meta property="article:section" content="{WebUtility.HtmlEncode(category)}"></head>
        <body>
        <nav><a href="/">Accueil</a> <a href="/politique/">Politique</a> <a href="/sport/">Sport</a></nav>
        <article>
        <h1>{WebUtility.HtmlEncode(Title(sourceId, number))}</h1>
        <p>Le conseil municipal de la commune {sourceId} a voté mardi soir, après trois heures de débat, le projet numéro {number}, qui prévoit la rénovation complète de la médiathèque et de ses abords.</p>
        <p>« Nous avons choisi de garder le bâtiment d’origine », explique l’adjointe à la culture, qui rappelle que la façade, construite en 1931, est inscrite à l’inventaire des monuments historiques.</p>
        {aside}
        <p>Le coût total est estimé à {number + 3} millions d’euros, dont la moitié sera financée par la région et par l’État au titre du plan de relance des équipements culturels de proximité.</p>
        <p>Pendant la durée du chantier, les collections resteront accessibles dans une salle provisoire installée place de la Mairie. {Marker(sourceId, number)}</p>
        </article>
        <footer><p>© Exemple 2025 — Mentions légales — Contact</p></footer>
        </body>
        </html>
        """;

    /// <summary>An RSS 2.0 feed whose items link to <paramref name="links"/> (absolute), dated by article number.</summary>
    public static string Rss(string sourceId, IEnumerable<(Uri Url, int Number)> links) =>
        $"""
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0"><channel><title>{sourceId}</title><link>http://127.0.0.1/</link><description>{sourceId}</description>
        {string.Concat(links.Select(l => $"<item><title>{WebUtility.HtmlEncode(Title(sourceId, l.Number))}</title><link>{WebUtility.HtmlEncode(l.Url.AbsoluteUri)}</link><pubDate>{Published(l.Number).ToString("r", CultureInfo.InvariantCulture)}</pubDate></item>\n"))}
        </channel></rss>
        """;

    /// <summary>The id Langaj gives the article at <paramref name="url"/>.</summary>
    public static string Id(Uri url) => ArticleId.For(url);

    /// <summary>
    /// Settings that make the fetcher fast on loopback: no politeness delay, many requests at once, a short backoff.
    /// Timeouts stay the product's (a loaded test machine can stall a good page for a second); tests of hangs set theirs.
    /// </summary>
    public static Dictionary<string, string?> FastFetching(Dictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Fetch:MinDelayPerHost"] = "00:00:00",
            ["Fetch:PerHostConcurrency"] = "16",
            ["Fetch:RetryDelay"] = "00:00:00.050",
            ["Scrape:ArticleConcurrency"] = "8",
        };
        foreach (var (key, value) in more ?? [])
        {
            settings[key] = value;
        }
        return settings;
    }
}
