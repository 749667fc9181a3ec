using Langaj.Core.Fetching;
using Langaj.Core.Scraping.Discovery;
using Langaj.Core.Sources;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Tests.Discovery;

public sealed class ArticleDiscoveryTests
{
    private static readonly string s_testdata = Path.Combine(AppContext.BaseDirectory, "testdata", "discovery");

    private static Task<LoopbackSite> ServeTestdata(Action<WebApplication>? map = null) =>
        LoopbackSite.StartAsync(app => map?.Invoke(app), s_testdata);

    private static SourceDefinition Source(DiscoveryKind kind, Uri url, string? selector = null, bool allowPrivate = true) =>
        TestSources.Definition("journal-test", kind, url, "Le Journal de test") with { LinkSelector = selector, AllowPrivateAddresses = allowPrivate };

    private static async Task<DiscoveryResult> Discover(DiscoveryKind kind, string path, string? selector = null)
    {
        await using var site = await ServeTestdata();
        using var services = FetchingServices.Create();
        return await services.Discovery().DiscoverAsync(Source(kind, site.Url(path), selector), null, default);
    }

    private static DateTimeOffset At(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Rss_in_windows_1252_declared_in_the_xml_declaration()
    {
        var result = await Discover(DiscoveryKind.Feed, "/rss-fr-windows1252.xml");

        Assert.Equal(
        [
            // Newest first; the fragment is dropped and its duplicate (same URL, other fragment) removed;
            // the guid stands in for a missing link; javascript: is dropped; the unreadable date leaves the item last.
            new DiscoveredLink(new Uri("https://www.journal-test.fr/societe/2026/11/23/ete-indien-paris_123.html"), At("2026-11-23T08:15:00+01:00"), "L'été indien s'installe à Paris"),
            new DiscoveredLink(new Uri("https://www.journal-test.fr/culture/2026/11/22/miserables_125.html"), At("2026-11-22T18:30:00Z"), "Cinéma & séries : « Les Misérables » revient"),
            new DiscoveredLink(new Uri("https://www.journal-test.fr/economie/2026/11/23/bce-taux_124.html"), null, "Économie\u00a0: la BCE maintient ses taux… pour l'instant"),
        ], result.Links);
        Assert.False(result.NotModified);
    }

    [Fact]
    public async Task Atom_takes_the_alternate_link_resolved_against_xml_base()
    {
        var result = await Discover(DiscoveryKind.Feed, "/atom.xml");

        Assert.Equal(
        [
            new DiscoveredLink(new Uri("https://blog.example-news.test/2026/11/rates-and-markets"), At("2026-11-23T09:00:00Z"), "Rates & markets"),
            new DiscoveredLink(new Uri("https://blog.example-news.test/2026/11/podcast-notes"), At("2026-11-22T10:30:00+02:00"), "Enclosure first, alternate second"),
            new DiscoveredLink(new Uri("https://other.example-news.test/section/story-3"), null, "A link without rel"),
        ], result.Links);
    }

    [Fact]
    public async Task Rss_1_0_rdf_items_are_read_with_their_dublin_core_dates()
    {
        var result = await Discover(DiscoveryKind.Feed, "/rdf.xml");

        Assert.Equal(
        [
            new DiscoveredLink(new Uri("https://rdf.example-news.test/b"), At("2026-11-21T12:00:00+01:00"), "Second RDF item"),
            new DiscoveredLink(new Uri("https://rdf.example-news.test/a"), At("2026-11-20T12:00:00+01:00"), "First RDF item"),
        ], result.Links);
    }

    [Fact]
    public async Task A_sitemap_yields_its_pages_newest_first_and_undated_ones_last()
    {
        var result = await Discover(DiscoveryKind.Sitemap, "/sitemap.xml");

        Assert.Equal(
        [
            "https://www.journal-test.fr/2026/11/23/new.html",
            "https://www.journal-test.fr/2026/11/20/middle.html",
            "https://www.journal-test.fr/2026/11/01/old.html",
            "https://www.journal-test.fr/about.html",
        ], result.Links.Select(l => l.Url.AbsoluteUri));
        Assert.Equal(At("2026-11-20T10:00:00+01:00"), result.Links[1].Updated);
    }

    [Fact]
    public async Task A_sitemap_index_follows_its_children_newest_first_including_gzip_and_skips_a_broken_one()
    {
        await using var site = await ServeTestdata(app => app.MapGet("/sitemap-index.xml", async (HttpContext context) =>
        {
            // The saved index names the real site; point it at this one.
            var index = await File.ReadAllTextAsync(Path.Combine(s_testdata, "sitemap-index.xml"));
            return Results.Text(index.Replace("https://www.journal-test.fr/", $"http://{context.Request.Host}/", StringComparison.Ordinal), "application/xml");
        }));
        using var services = FetchingServices.Create();

        var result = await services.Discovery().DiscoverAsync(Source(DiscoveryKind.Sitemap, site.Url("/sitemap-index.xml")), null, default);

        Assert.Equal(
        [
            "https://www.journal-test.fr/2026/11/23/november-b.html",
            "https://www.journal-test.fr/2026/11/22/november-a.html",
            "https://www.journal-test.fr/2026/10/30/october.html",
        ], result.Links.Select(l => l.Url.AbsoluteUri));
        var childRequests = site.Requests.Where(r => r.Path.StartsWith("/sitemaps/", StringComparison.Ordinal)).Select(r => r.Path);
        Assert.Equal(["/sitemaps/2026-11.xml.gz", "/sitemaps/missing.xml", "/sitemaps/2026-10.xml"], childRequests);
    }

    [Fact]
    public async Task A_google_news_sitemap_gives_publication_dates_and_titles()
    {
        var result = await Discover(DiscoveryKind.Sitemap, "/news-sitemap.xml");

        Assert.Equal(
        [
            new DiscoveredLink(new Uri("https://www.journal-test.fr/sport/2026/11/23/rugby.html"), At("2026-11-23T09:10:00+01:00"), "Rugby : le XV de France s'impose"),
            new DiscoveredLink(new Uri("https://www.journal-test.fr/politique/2026/11/23/budget.html"), At("2026-11-23T07:45:00+01:00"), "Budget : l'Assemblée adopte la première partie"),
        ], result.Links);
    }

    [Fact]
    public async Task A_listing_page_yields_the_selected_links_absolute_and_in_page_order()
    {
        var result = await Discover(DiscoveryKind.Listing, "/listing.html", "article.teaser h2");

        Assert.Equal(
        [
            // Relative to <base href>; whitespace collapsed; windows-1252 decoded from <meta charset>;
            // the #comments twin wins over the later bare URL, mailto: and link-less teasers are dropped.
            new DiscoveredLink(new Uri("https://www.journal-test.fr/societe/2026/11/23/greve.html"), null, "Grève à la SNCF : ce qui change lundi"),
            new DiscoveredLink(new Uri("https://www.journal-test.fr/culture/2026/11/23/expo.html"), null, "Une exposition très attendue"),
            new DiscoveredLink(new Uri("https://autre.example-news.test/papier.html"), null, "Papier partenaire"),
        ], result.Links);
    }

    [Fact]
    public async Task A_listing_selector_may_pick_the_links_themselves()
    {
        var result = await Discover(DiscoveryKind.Listing, "/listing.html", "nav a");

        Assert.Equal(["https://www.journal-test.fr/", "https://www.journal-test.fr/societe/"], result.Links.Select(l => l.Url.AbsoluteUri));
    }

    [Fact]
    public async Task An_invalid_or_missing_selector_is_reported()
    {
        await using var site = await ServeTestdata();
        using var services = FetchingServices.Create();

        var missing = await Assert.ThrowsAsync<DiscoveryException>(() =>
            services.Discovery().DiscoverAsync(Source(DiscoveryKind.Listing, site.Url("/listing.html")), null, default));
        var invalid = await Assert.ThrowsAsync<DiscoveryException>(() =>
            services.Discovery().DiscoverAsync(Source(DiscoveryKind.Listing, site.Url("/listing.html"), "article[["), null, default));

        Assert.Equal("source journal-test discovers from a listing page but has no linkSelector", missing.Message);
        Assert.StartsWith("the link selector \"article[[\" is not valid CSS", invalid.Message);
    }

    [Fact]
    public async Task An_unchanged_document_answers_304_and_yields_no_links()
    {
        var lastModified = At("2026-11-23T08:00:00Z");
        await using var site = await ServeTestdata(app => app.MapGet("/feed.xml", async (HttpContext context) =>
        {
            context.Response.Headers.ETag = "\"feed-1\"";
            context.Response.Headers.LastModified = lastModified.ToString("R");
            if (context.Request.Headers.IfNoneMatch == "\"feed-1\"")
            {
                return Results.StatusCode(StatusCodes.Status304NotModified);
            }
            return Results.Bytes(await File.ReadAllBytesAsync(Path.Combine(s_testdata, "rdf.xml")), "application/rdf+xml");
        }));
        using var services = FetchingServices.Create();
        var source = Source(DiscoveryKind.Feed, site.Url("/feed.xml"));

        var first = await services.Discovery().DiscoverAsync(source, null, default);
        var second = await services.Discovery().DiscoverAsync(source, first.Validators, default);

        Assert.Equal(2, first.Links.Count);
        Assert.Equal(new ConditionalRequest("\"feed-1\"", lastModified), first.Validators);
        Assert.True(second.NotModified);
        Assert.Empty(second.Links);
        Assert.Equal(first.Validators, second.Validators);
        Assert.Equal("\"feed-1\"", site.RequestsTo("/feed.xml")[1].Header("If-None-Match"));
    }

    [Fact]
    public async Task A_page_that_is_not_a_feed_is_reported_clearly()
    {
        await using var site = await ServeTestdata();
        using var services = FetchingServices.Create();
        var url = site.Url("/broken-not-a-feed.html");

        var error = await Assert.ThrowsAsync<DiscoveryException>(() =>
            services.Discovery().DiscoverAsync(Source(DiscoveryKind.Feed, url), null, default));

        Assert.Equal($"{url} is not an RSS or Atom feed (its root element is <html>)", error.Message);
    }

    [Fact]
    public async Task A_truncated_feed_keeps_the_items_before_the_break()
    {
        var result = await Discover(DiscoveryKind.Feed, "/broken-truncated.xml");

        Assert.Equal(["https://www.journal-test.fr/a"], result.Links.Select(l => l.Url.AbsoluteUri));
    }

    [Fact]
    public async Task Garbage_is_reported_as_an_ill_formed_feed()
    {
        await using var site = await ServeTestdata(app => app.MapGet("/garbage", () => Results.Bytes([0x00, 0x17, 0xff, 0x3c, 0x3c], "application/xml")));
        using var services = FetchingServices.Create();

        var error = await Assert.ThrowsAsync<DiscoveryException>(() =>
            services.Discovery().DiscoverAsync(Source(DiscoveryKind.Feed, site.Url("/garbage")), null, default));

        Assert.StartsWith($"{site.Url("/garbage")} is not a well-formed feed: ", error.Message);
    }

    [Fact]
    public async Task A_source_without_permission_is_refused_before_any_request()
    {
        await using var site = await ServeTestdata();
        using var services = FetchingServices.Create();

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.Discovery().DiscoverAsync(Source(DiscoveryKind.Feed, site.Url("/atom.xml"), allowPrivate: false), null, default));

        Assert.StartsWith("refused: 127.0.0.1 resolves to a private address", error.Message);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public void Links_are_capped_per_pass_keeping_the_newest()
    {
        var start = At("2026-01-01T00:00:00Z");
        var links = Enumerable.Range(0, 250).Select(i => new DiscoveredLink(new Uri($"https://news.test/{i}"), start.AddHours(i), null));

        var kept = ArticleDiscovery.Normalize(links);

        Assert.Equal(ArticleDiscovery.MaxLinks, kept.Count);
        Assert.Equal("https://news.test/249", kept[0].Url.AbsoluteUri);
        Assert.Equal("https://news.test/50", kept[^1].Url.AbsoluteUri);
    }
}
