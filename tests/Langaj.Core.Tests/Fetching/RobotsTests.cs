using Langaj.Core.Fetching;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Tests.Fetching;

public sealed class RobotsTests
{
    private static bool Allowed(string robots, string path) =>
        RobotsRules.Parse(robots, "Langaj").IsAllowed(new Uri("https://news.test" + path));

    [Theory]
    [InlineData("/", true)]
    [InlineData("/private/x", false)]
    [InlineData("/private/public/x", true)]   // longer Allow wins
    [InlineData("/search?q=1", false)]        // wildcard
    [InlineData("/files/a.pdf", false)]       // $ anchors the end
    [InlineData("/files/a.pdf?x", true)]
    [InlineData("/caf%C3%A9/menu", false)]    // non-ASCII pattern compared percent-encoded
    public void The_longest_matching_rule_wins(string path, bool allowed)
    {
        const string robots = """
            # comment
            User-agent: *
            Disallow: /private/
            Allow: /private/public/
            Disallow: /*?q=
            Disallow: /*.pdf$
            Disallow: /café/
            """;

        Assert.Equal(allowed, Allowed(robots, path));
    }

    [Fact]
    public void Allow_wins_a_tie()
    {
        Assert.True(Allowed("User-agent: *\nDisallow: /page\nAllow: /page\n", "/page"));
    }

    [Fact]
    public void Our_own_group_replaces_the_star_group_and_matches_case_insensitively()
    {
        const string robots = """
            User-agent: *
            Disallow: /

            User-agent: googlebot
            User-agent: LANGAJ
            Disallow: /drafts/
            Crawl-delay: 2.5
            """;
        var rules = RobotsRules.Parse(robots, "Langaj");

        Assert.True(rules.IsAllowed(new Uri("https://news.test/story")));
        Assert.False(rules.IsAllowed(new Uri("https://news.test/drafts/1")));
        Assert.Equal(TimeSpan.FromSeconds(2.5), rules.CrawlDelay);
    }

    [Fact]
    public void An_empty_disallow_allows_everything()
    {
        Assert.True(Allowed("User-agent: *\nDisallow:\n", "/anything"));
        Assert.Null(RobotsRules.Parse("User-agent: *\nDisallow:\n", "Langaj").CrawlDelay);
    }

    [Fact]
    public async Task A_disallowed_page_is_not_requested_and_robots_is_fetched_once()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /private\n"));
            app.MapGet("/{**path}", () => Results.Text("ok"));
        });
        using var services = FetchingServices.Create();
        var fetcher = services.Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(site.Url("/private/x"), true), default));
        await fetcher.FetchAsync(new FetchRequest(site.Url("/public"), true), default);

        Assert.Equal($"{site.Url("/private/x")} is disallowed by a rule of {site.Url("/robots.txt")}", error.Message);
        Assert.Equal(FetchFailure.RobotsTxt, error.Failure);
        Assert.Empty(site.RequestsTo("/private/x"));
        Assert.Single(site.RequestsTo("/public"));
        Assert.Single(site.RequestsTo("/robots.txt"));
    }

    [Fact]
    public async Task Crawl_delay_spaces_requests_to_the_host()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.Text("User-agent: Langaj\nCrawl-delay: 0.5\n"));
            app.MapGet("/p/{n}", () => Results.Text("ok"));
        });
        using var services = FetchingServices.Create();
        // A first fetch reads robots.txt and warms both ends: a cold first request can reach the site hundreds of
        // milliseconds after its turn, next to the following one, on a loaded machine.
        await services.Fetcher().FetchAsync(new FetchRequest(site.Url("/p/first"), true), default);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(n => services.Fetcher().FetchAsync(new FetchRequest(site.Url($"/p/{n}"), true), default)));

        var starts = site.Requests.Where(r => r.Path.StartsWith("/p/", StringComparison.Ordinal) && r.Path != "/p/first").Select(r => r.Time).Order().ToList();
        Assert.Equal(3, starts.Count);
        // Arrival times skew under load (a late request lands next to the following one); over three requests the two
        // delays (1 s) cannot shrink below one, while unthrottled requests arrive within milliseconds of each other.
        Assert.True(starts[2] - starts[0] >= TimeSpan.FromMilliseconds(500), $"span {starts[2] - starts[0]}");
    }

    [Fact]
    public async Task A_server_error_on_robots_disallows_the_site_for_now()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.StatusCode(503));
            app.MapGet("/page", () => Results.Text("ok"));
        });
        using var services = FetchingServices.Create(o => o.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<FetchException>(() => services.Fetcher().FetchAsync(new FetchRequest(site.Url("/page"), true), default));

        // Not a rule of the site: its robots.txt is unavailable, and the message says so.
        Assert.Equal($"{site.Url("/robots.txt")} answered HTTP 503 Service Unavailable; the site is not fetched until it answers", error.Message);
        Assert.Equal(FetchFailure.HttpStatus, error.Failure);
        Assert.Empty(site.RequestsTo("/page"));
    }

    [Fact]
    public async Task Robots_can_be_ignored_by_configuration()
    {
        await using var site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/robots.txt", () => Results.Text("User-agent: *\nDisallow: /\n"));
            app.MapGet("/page", () => Results.Text("ok"));
        });
        using var services = FetchingServices.Create(o => o.RespectRobotsTxt = false);

        await services.Fetcher().FetchAsync(new FetchRequest(site.Url("/page"), true), default);

        Assert.Empty(site.RequestsTo("/robots.txt"));
        Assert.Single(site.RequestsTo("/page"));
    }
}
