using Langaj.Core.Scraping.Discovery;
using Langaj.Core.Sources;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Langaj.Core.Tests.Discovery;

/// <summary>From a home page served on loopback: the linked feed, else robots.txt's sitemap, else /sitemap.xml, else a refusal.</summary>
public sealed class SiteDiscoveryTests
{
    private static readonly string s_testdata = Path.Combine(AppContext.BaseDirectory, "testdata", "discovery");

    private static IResult Home(string head) =>
        Results.Content($"<!DOCTYPE html><html><head><title>Le Journal</title>{head}</head><body><a href=\"/a.html\">Une</a></body></html>", "text/html; charset=utf-8");

    private static IResult Testdata(string file, string contentType) => Results.File(Path.Combine(s_testdata, file), contentType);

    private static async Task<FoundDiscovery> FindAsync(LoopbackSite site)
    {
        using var services = FetchingServices.Create();
        return await services.GetRequiredService<SiteDiscovery>().FindAsync(site.BaseUri, allowPrivateAddresses: true, CancellationToken.None);
    }

    [Fact]
    public async Task The_feed_the_home_page_links_to_comes_first()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/", () => Home("""<link rel="stylesheet" href="/s.css"><link rel="alternate" type="application/rss+xml" title="Fil" href="/fil/rss.xml">"""));
            app.MapGet("/fil/rss.xml", () => Testdata("rss-fr-windows1252.xml", "application/rss+xml"));
            app.MapGet("/sitemap.xml", () => Testdata("sitemap.xml", "application/xml"));
        });

        var found = await FindAsync(site);

        Assert.Equal(new FoundDiscovery(DiscoveryKind.Feed, site.Url("/fil/rss.xml"), "linked from the home page"), found);
        Assert.Empty(site.RequestsTo("/sitemap.xml"));
    }

    [Fact]
    public async Task A_linked_feed_that_does_not_answer_gives_way_to_the_sitemap_robots_txt_names()
    {
        LoopbackSite? self = null;
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/", () => Home("""<link rel="alternate" type="application/atom+xml" href="/gone.xml">"""));
            app.MapGet("/robots.txt", () => Results.Text($"User-agent: *\nDisallow: /private/\nSitemap: {self!.Url("/maps/news.xml")}\n"));
            app.MapGet("/maps/news.xml", () => Testdata("news-sitemap.xml", "application/xml"));
        });
        self = site;

        var found = await FindAsync(site);

        Assert.Equal(new FoundDiscovery(DiscoveryKind.Sitemap, site.Url("/maps/news.xml"), "named in robots.txt"), found);
        Assert.Single(site.RequestsTo("/gone.xml"));
    }

    [Fact]
    public async Task Without_a_feed_or_a_robots_sitemap_the_usual_sitemap_path_is_tried()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/", () => Home(""));
            app.MapGet("/sitemap.xml", () => Testdata("sitemap.xml", "application/xml"));
        });

        var found = await FindAsync(site);

        Assert.Equal(new FoundDiscovery(DiscoveryKind.Sitemap, site.Url("/sitemap.xml"), "at /sitemap.xml"), found);
    }

    [Fact]
    public async Task A_site_with_none_is_refused_in_one_line_saying_what_was_tried()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/", () => Home("")));

        var error = await Assert.ThrowsAsync<DiscoveryException>(() => FindAsync(site));

        Assert.StartsWith($"no feed or sitemap found from {site.BaseUri}: the home page links to no RSS or Atom feed; robots.txt names no sitemap; {site.Url("/sitemap.xml")}: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("404", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }
}
