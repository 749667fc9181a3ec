using System.Net;
using System.Xml.Linq;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Integration.Tests.Feeds;

/// <summary>
/// Feeds do not sanitize (extraction does, once, before storing); this checks the whole chain: a page
/// carrying an XSS corpus, scraped over loopback, yields feeds in which none of it survives.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class HostileArticleTests(AzuriteFixture azurite)
{
    private const string Marker = "Le conseil municipal a voté le budget";

    private const string Page = """
        <!doctype html>
        <html lang="fr"><head><meta charset="utf-8"><title>Budget voté</title>
        <meta property="og:title" content="Le budget municipal est voté">
        <meta property="article:published_time" content="2026-11-20T09:00:00+01:00">
        </head><body>
        <article>
          <h1>Le budget municipal est voté</h1>
          <p>Le conseil municipal a voté le budget mardi soir, après un long débat sur les investissements.</p>
          <script>alert('xss-script')</script>
          <p>Les élus ont adopté <img src="/img/a.jpg" onerror="alert('xss-onerror')" alt="photo"> le texte
             à une large majorité, <a href="javascript:alert('xss-href')">voir le détail</a>.</p>
          <iframe src="https://evil.example/xss-iframe"></iframe>
          <form action="https://evil.example/xss-form"><input name="q"><button>Envoyer</button></form>
          <p onclick="alert('xss-onclick')">Le maire s'est félicité du résultat, qui permet de lancer les travaux de l'école.</p>
          <svg><script>alert('xss-svg')</script></svg>
          <p style="background:url(javascript:alert('xss-style'))">La rénovation commencera au printemps prochain.</p>
        </article>
        </body></html>
        """;

    private static readonly string[] Hostile =
        ["<script", "onerror", "onclick", "javascript:", "<iframe", "<form", "xss-", "alert("];

    [Fact]
    public async Task A_scraped_page_with_an_xss_corpus_yields_feeds_without_it()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/article.html", () => Results.Content(Page, "text/html; charset=utf-8"));
            app.MapGet("/feed.xml", (HttpRequest request) => Results.Content($"""
                <?xml version="1.0" encoding="utf-8"?>
                <rss version="2.0"><channel><title>Hostile</title><link>{request.Scheme}://{request.Host}/</link><description>d</description>
                <item><title>Le budget municipal est voté</title><link>{request.Scheme}://{request.Host}/article.html</link></item>
                </channel></rss>
                """, "application/rss+xml"));
        });
        var sources = await TestSources.FileAsync(TestSources.Feed("hostile", site.Url("/feed.xml"), "Hostile"));
        try
        {
            await using var host = await LocalHost.StartAsync(azurite, sourcesFile: sources);
            var report = await host.ScrapeAsync();
            Assert.True(report.Sources.Single().New == 1, JsonSerializer.Serialize(report));

            foreach (var url in new[] { "api/feeds/rss", "api/feeds/atom", "api/feeds/json", "api/feeds/rss?source=hostile&limit=5" })
            {
                using var response = await host.Client.GetAsync(url);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var html = ContentHtml(url, await response.Content.ReadAsStringAsync());
                // The article did arrive (so the absence below means something)...
                Assert.Contains(Marker, html, StringComparison.Ordinal);
                // ...and nothing hostile came with it, in the decoded HTML a reader renders.
                Assert.All(Hostile, h => Assert.DoesNotContain(h, html, StringComparison.OrdinalIgnoreCase));
            }
        }
        finally
        {
            sources.Delete();
        }
    }

    /// <summary>The item's HTML as a reader gets it after XML or JSON decoding.</summary>
    private static string ContentHtml(string url, string body)
    {
        if (url.Contains("/json", StringComparison.Ordinal))
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.GetProperty("items")[0].GetProperty("content_html").GetString()!;
        }
        var root = XDocument.Parse(body).Root!;
        return url.Contains("/atom", StringComparison.Ordinal)
            ? root.Element((XNamespace)"http://www.w3.org/2005/Atom" + "entry")!.Element((XNamespace)"http://www.w3.org/2005/Atom" + "content")!.Value
            : root.Element("channel")!.Element("item")!.Element((XNamespace)"http://purl.org/rss/1.0/modules/content/" + "encoded")!.Value;
    }
}
