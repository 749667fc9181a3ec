using System.Diagnostics;
using System.Net;
using Langaj.Core.Feeds;
using Langaj.Integration.Tests.Cli;

namespace Langaj.Integration.Tests.Feeds;

/// <summary>
/// A feed opened in a browser: RSS and Atom name /api/feeds.xsl, and headless Chromium (Debian's package)
/// renders them through it as a page that lists the articles and the address to subscribe to.
/// </summary>
public sealed class FeedStylesheetTests(ScrapedDemoHost demo) : IClassFixture<ScrapedDemoHost>
{
    private const string Chromium = "/usr/bin/chromium";

    private LocalHost Host => demo.Host;

    [Theory]
    [InlineData("api/feeds/rss")]
    [InlineData("api/feeds/atom")]
    public async Task Chromium_shows_the_feed_as_a_page_with_its_articles_and_subscribe_address(string url)
    {
        using var list = JsonDocument.Parse(await Host.Client.GetStringAsync("api/articles"));
        var titles = list.RootElement.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToList();
        Assert.NotEmpty(titles);
        var feed = await Host.Client.GetStringAsync(url);
        Assert.Contains($"<?xml-stylesheet type=\"text/xsl\" href=\"{new Uri(Host.BaseUri, FeedStylesheet.Path)}\"?>", feed, StringComparison.Ordinal);

        var dom = WebUtility.HtmlDecode(await DumpDomAsync(new Uri(Host.BaseUri, url)));

        Assert.Contains("<h1>", dom, StringComparison.Ordinal);
        Assert.Contains("copy its address into your feed reader", dom, StringComparison.Ordinal);
        Assert.Contains(new Uri(Host.BaseUri, url).AbsoluteUri, dom, StringComparison.Ordinal);
        Assert.All(titles, title => Assert.Contains(title, dom, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_stylesheet_is_served_as_xsl_with_validators()
    {
        using var response = await Host.Client.GetAsync(FeedStylesheet.Path);
        using var again = new HttpRequestMessage(HttpMethod.Get, FeedStylesheet.Path);
        again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
        using var revalidated = await Host.Client.SendAsync(again);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(FeedStylesheet.ContentType, response.Content.Headers.ContentType?.ToString());
        Assert.False(response.Headers.ETag!.IsWeak);
        Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
    }

    /// <summary>The DOM Chromium built for the page, after the stylesheet ran.</summary>
    private static async Task<string> DumpDomAsync(Uri page)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is not installed: apt-get install -y chromium");
        var profile = Directory.CreateTempSubdirectory("langaj-chromium-").FullName;
        try
        {
            // --no-sandbox: tests run as root, where Chromium's sandbox refuses to start.
            var start = new ProcessStartInfo(Chromium, ["--headless", "--no-sandbox", "--disable-gpu", $"--user-data-dir={profile}", "--dump-dom", page.AbsoluteUri]);
            var result = await CliProcess.RunAsync(start, TimeSpan.FromMinutes(1));
            Assert.True(result.ExitCode == 0, $"chromium exited {result.ExitCode}: {result.Error}");
            return result.Output;
        }
        finally
        {
            Directory.Delete(profile, recursive: true);
        }
    }
}
