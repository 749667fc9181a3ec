using System.Net;
using System.Text;
using Langaj.Core.Api;
using Langaj.Core.Feeds;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Tests.Feeds;

/// <summary>Conditional GET as a client sees it over real HTTP (Kestrel on 127.0.0.1).</summary>
public sealed class FeedResultTests : IAsyncLifetime
{
    // Sub-second precision on purpose: HTTP dates have whole seconds.
    private static readonly DateTimeOffset LastModified = new(2026, 11, 23, 17, 30, 15, 456, TimeSpan.Zero);
    private static readonly RenderedFeed Feed = RenderedFeed.From(Encoding.UTF8.GetBytes("<rss version=\"2.0\"/>"), "application/rss+xml; charset=utf-8", LastModified);

    private static readonly HttpClient Client = new();
    private LoopbackSite site = null!;

    public async Task InitializeAsync() =>
        site = await LoopbackSite.StartAsync(app => app.MapGet("/feed", () => new FeedResult(Feed)));

    public async Task DisposeAsync() => await site.DisposeAsync();

    private async Task<HttpResponseMessage> GetAsync(params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, site.Url("/feed"));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        return await Client.SendAsync(request);
    }

    [Fact]
    public async Task A_plain_get_returns_the_bytes_with_validators_and_caching_headers()
    {
        using var response = await GetAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Feed.Body.Identity, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/rss+xml; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(Feed.ETag, response.Headers.ETag!.ToString());
        Assert.False(response.Headers.ETag.IsWeak);
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 17, 30, 15, TimeSpan.Zero), response.Content.Headers.LastModified);
        Assert.Equal("public, max-age=300, stale-while-revalidate=86400", response.Headers.CacheControl!.ToString());
        Assert.Equal(["Accept", "Accept-Encoding"], response.Headers.Vary);
    }

    [Fact]
    public async Task A_browser_gets_the_same_bytes_as_xml_so_it_runs_the_stylesheet_and_a_reader_gets_rss()
    {
        using var browser = await GetAsync(("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        using var reader = await GetAsync(("Accept", "application/rss+xml, application/xml;q=0.9, */*;q=0.1"));

        Assert.Equal(FeedStylesheet.BrowserContentType, browser.Content.Headers.ContentType!.ToString());
        Assert.Equal(Feed.Body.Identity, await browser.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/rss+xml; charset=utf-8", reader.Content.Headers.ContentType!.ToString());
    }

    public static TheoryData<string> MatchingTags => new()
    {
        Feed.ETag,
        "W/" + Feed.ETag,
        "\"something-else\", " + Feed.ETag,
        "\"a\",W/" + Feed.ETag + " , \"b\"",
        "*",
    };

    [Theory]
    [MemberData(nameof(MatchingTags))]
    public async Task A_matching_If_None_Match_gets_304_without_a_body(string ifNoneMatch)
    {
        using var response = await GetAsync(("If-None-Match", ifNoneMatch));

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(Feed.ETag, response.Headers.ETag!.ToString());
        Assert.NotNull(response.Headers.CacheControl);
    }

    [Theory]
    [InlineData("\"something-else\"")]
    [InlineData("not a tag at all")]
    public async Task Another_tag_gets_the_feed_even_when_If_Modified_Since_would_match(string ifNoneMatch)
    {
        using var response = await GetAsync(("If-None-Match", ifNoneMatch), ("If-Modified-Since", "Tue, 24 Nov 2026 00:00:00 GMT"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Feed.Body.Identity, await response.Content.ReadAsByteArrayAsync());
    }

    [Theory]
    [InlineData("Mon, 23 Nov 2026 17:30:15 GMT", HttpStatusCode.NotModified)]
    [InlineData("Mon, 23 Nov 2026 18:00:00 GMT", HttpStatusCode.NotModified)]
    [InlineData("Mon, 23 Nov 2026 17:30:14 GMT", HttpStatusCode.OK)]
    [InlineData("yesterday", HttpStatusCode.OK)]
    public async Task If_Modified_Since_is_compared_to_the_second(string ifModifiedSince, HttpStatusCode expected)
    {
        using var response = await GetAsync(("If-Modified-Since", ifModifiedSince));

        Assert.Equal(expected, response.StatusCode);
    }
}
