using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Azure;
using Langaj.Core.Feeds;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;
using Langaj.Core.Storage;

namespace Langaj.Core.Api;

/// <summary>
/// The home page (<c>/api/</c> in both hosts, <c>/</c> too on the local host): plain server-rendered HTML,
/// no script, listing every feed (all, each source, each category) with autodiscovery links, each source's
/// last run and health, and the machine-readable entry points. It is where every feed's home link points.
/// </summary>
public static class HomePage
{
    public const string ContentType = "text/html; charset=utf-8";

    public static async Task<string> RenderAsync(SourceCatalog catalog, ArticleStore store, HealthService health, FeedsOptions options, CancellationToken cancellationToken)
    {
        var report = await health.CheckAsync(cancellationToken);
        IReadOnlyList<CategoryInfo> categories;
        try
        {
            categories = report.StorageReachable ? await store.ListCategoriesAsync(cancellationToken) : [];
        }
        catch (RequestFailedException)
        {
            categories = [];
        }
        var feeds = new List<(string Group, string Title, string Query)> { ("All articles", options.Title, "") };
        feeds.AddRange(catalog.Sources.Select(s => ("Sources", s.Name, "?source=" + Uri.EscapeDataString(s.Id))));
        feeds.AddRange(categories.Select(c => ("Categories", c.Name, "?category=" + Uri.EscapeDataString(c.Slug))));

        var html = new StringBuilder();
        var e = HtmlEncoder.Default;
        html.Append(CultureInfo.InvariantCulture, $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{e.Encode(options.Title)}: feeds</title>

            """);
        foreach (var (_, title, query) in feeds)
        {
            html.Append(CultureInfo.InvariantCulture, $"""<link rel="alternate" type="application/rss+xml" title="{e.Encode(title)} (RSS)" href="/api/feeds/rss{e.Encode(query)}">""").Append('\n');
        }
        html.Append(CultureInfo.InvariantCulture, $$"""
            <link rel="alternate" type="application/atom+xml" title="{{e.Encode(options.Title)}} (Atom)" href="/api/feeds/atom">
            <link rel="alternate" type="application/feed+json" title="{{e.Encode(options.Title)}} (JSON Feed)" href="/api/feeds/json">
            <style>
            body { font: 1rem/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; background: #fff; }
            a { color: #0645ad; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ccc; }
            .failing { color: #a00000; font-weight: bold; }
            </style>
            </head>
            <body>
            <header><h1>{{e.Encode(options.Title)}}</h1>
            <p>Articles gathered from news sites, as feeds for your reader. Copy a feed's address into your feed reader to subscribe.</p></header>
            <main>

            """);
        foreach (var group in feeds.GroupBy(f => f.Group))
        {
            html.Append(CultureInfo.InvariantCulture, $"<section>\n<h2>{e.Encode(group.Key)}</h2>\n<ul>\n");
            foreach (var (_, title, query) in group)
            {
                var q = e.Encode(query);
                html.Append(CultureInfo.InvariantCulture, $"""<li>{e.Encode(title)}: <a href="/api/feeds/rss{q}">RSS</a>, <a href="/api/feeds/atom{q}">Atom</a>, <a href="/api/feeds/json{q}">JSON Feed</a></li>""").Append('\n');
            }
            html.Append("</ul>\n</section>\n");
        }
        html.Append(CultureInfo.InvariantCulture, $"<section>\n<h2>Source health</h2>\n<p>Status: {e.Encode(report.Status)}</p>\n<table>\n<thead><tr><th scope=\"col\">Source</th><th scope=\"col\">Last run</th><th scope=\"col\">Health</th></tr></thead>\n<tbody>\n");
        foreach (var source in report.Sources)
        {
            var lastRun = source.LastRun is { } run ? run.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) : "not yet";
            var state = source.Failing
                ? $"<span class=\"failing\">failing: {e.Encode(source.LastError ?? "error")}</span>"
                : source.LastSuccess is null ? "waiting for its first run" : $"ok, {source.New} new, {source.Updated} updated";
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{e.Encode(source.Name)}</td><td>{lastRun}</td><td>{state}</td></tr>\n");
        }
        html.Append("""
            </tbody>
            </table>
            </section>
            <section>
            <h2>For developers</h2>
            <ul>
            <li><a href="/api/feeds.opml">Every feed as OPML</a>, to import into a reader at once</li>
            <li><a href="/api/articles">The article list as JSON</a> (<code>?source=</code>, <code>?category=</code>, <code>?limit=</code>, <code>?cursor=</code>)</li>
            <li><a href="/api/health">Health as JSON</a></li>
            <li><a href="/api/openapi.json">The API described in OpenAPI 3.1</a></li>
            </ul>
            </section>
            </main>
            </body>
            </html>

            """);
        return html.ToString();
    }
}
