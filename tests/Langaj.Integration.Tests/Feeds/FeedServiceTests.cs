using System.ServiceModel.Syndication;
using System.Xml;
using Azure.Core;
using Langaj.Core.Api;
using Langaj.Core.Feeds;

namespace Langaj.Integration.Tests.Feeds;

/// <summary>
/// Render at write time, serve from memory: what a request costs in storage calls, on one instance
/// and across two sharing the same storage (as Functions instances do).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FeedServiceTests(AzuriteFixture azurite)
{
    private static readonly ArticleQuery FirstPage = new(null, null, ArticleQuery.DefaultLimit, null);
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    private readonly string _prefix = AzuriteFixture.NewNamePrefix();

    private async Task<FeedInstance> SeededAsync()
    {
        var instance = await FeedInstance.StartAsync(azurite, _prefix, _clock);
        await instance.SaveAsync(FeedInstance.Article(1));
        await instance.SaveAsync(FeedInstance.Article(2, FeedInstance.Beta, "Économie"));
        await instance.SaveAsync(FeedInstance.Article(3));
        await instance.Feeds.RefreshAsync(["alpha", "beta"], ["Politique", "Économie"], default);
        instance.Calls.Reset();
        return instance;
    }

    public static TheoryData<FeedFormat, string?, string?> FirstPages()
    {
        var data = new TheoryData<FeedFormat, string?, string?>();
        foreach (var format in Enum.GetValues<FeedFormat>())
        {
            data.Add(format, null, null);
            data.Add(format, "alpha", null);
            data.Add(format, null, "Économie");
            data.Add(format, null, "politique");
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(FirstPages))]
    public async Task A_warm_first_page_request_makes_no_storage_call(FeedFormat format, string? source, string? category)
    {
        await using var instance = await SeededAsync();
        var query = FirstPage with { SourceId = source, Category = category };

        var first = await FeedAsync(instance.Feeds, format, query, default);
        var again = await FeedAsync(instance.Feeds, format, query, default);

        Assert.True(instance.Calls.Requests.Count == 0, instance.Calls.ToString());
        Assert.Same(first, again);
        Assert.NotEmpty(first.Body.Identity);
    }

    [Fact]
    public async Task A_cold_instance_reads_the_published_blob_once_then_serves_from_memory()
    {
        await using var writer = await SeededAsync();
        await using var reader = await FeedInstance.StartAsync(azurite, _prefix, _clock);

        var cold = await FeedAsync(reader.Feeds, FeedFormat.Atom, FirstPage, default);
        Assert.True(reader.Calls.Requests.Count == 1 && reader.Calls.Requests[0].StartsWith("GET", StringComparison.Ordinal), reader.Calls.ToString());
        reader.Calls.Reset();

        var warm = await FeedAsync(reader.Feeds, FeedFormat.Atom, FirstPage, default);
        Assert.True(reader.Calls.Requests.Count == 0, reader.Calls.ToString());
        // The reader served what the writer rendered, byte for byte: no render of its own.
        Assert.Equal((await FeedAsync(writer.Feeds, FeedFormat.Atom, FirstPage, default)).Body.Identity, warm.Body.Identity);
        Assert.Equal(cold.ETag, warm.ETag);
    }

    [Fact]
    public async Task Another_instance_sees_a_refresh_after_one_conditional_read_once_its_copy_is_due()
    {
        await using var writer = await SeededAsync();
        await using var reader = await FeedInstance.StartAsync(azurite, _prefix, _clock);
        var before = await FeedAsync(reader.Feeds, FeedFormat.Rss, FirstPage, default);

        // The writer's scrape stores a newer article and refreshes the feeds.
        await writer.SaveAsync(FeedInstance.Article(4));
        await writer.Feeds.RefreshAsync(["alpha"], ["Politique"], default);

        // Within RevalidateAfter of its last check the reader still serves its copy, without asking...
        reader.Calls.Reset();
        _clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Same(before, await FeedAsync(reader.Feeds, FeedFormat.Rss, FirstPage, default));
        Assert.Empty(reader.Calls.Requests);

        // ...once due, one conditional read brings the new bytes.
        _clock.Advance(TimeSpan.FromSeconds(1));
        var after = await FeedAsync(reader.Feeds, FeedFormat.Rss, FirstPage, default);
        Assert.True(reader.Calls.Requests.Count == 1, reader.Calls.ToString());
        Assert.NotEqual(before.ETag, after.ETag);
        Assert.Equal("urn:langaj:article:f0004", Load(after).Items.First().Id);

        // Due again with nothing new: one conditional read answered 304, same copy kept.
        reader.Calls.Reset();
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Same(after, await FeedAsync(reader.Feeds, FeedFormat.Rss, FirstPage, default));
        Assert.True(reader.Calls.Requests.Count == 1, reader.Calls.ToString());
    }

    [Fact]
    public async Task The_etag_is_stable_across_renders_of_unchanged_articles_and_moves_with_a_real_change()
    {
        await using var instance = await SeededAsync();
        var first = await FeedAsync(instance.Feeds, FeedFormat.Json, FirstPage, default);

        _clock.Advance(TimeSpan.FromHours(1));
        await instance.Feeds.RefreshAsync(["alpha", "beta"], ["Politique"], default);
        var rerendered = await FeedAsync(instance.Feeds, FeedFormat.Json, FirstPage, default);
        Assert.NotSame(first, rerendered);
        Assert.Equal(first.ETag, rerendered.ETag);
        Assert.Equal(first.LastModified, rerendered.LastModified);

        // The same article scraped again unchanged: nothing moves either.
        Assert.Equal(SaveOutcome.Unchanged, await instance.SaveAsync(FeedInstance.Article(1)));
        await instance.Feeds.RefreshAsync(["alpha"], ["Politique"], default);
        Assert.Equal(first.ETag, (await FeedAsync(instance.Feeds, FeedFormat.Json, FirstPage, default)).ETag);

        // An edit: a new ETag, and Last-Modified is the edit's time.
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(SaveOutcome.Updated, await instance.SaveAsync(FeedInstance.Article(1, version: 2)));
        await instance.Feeds.RefreshAsync(["alpha"], ["Politique"], default);
        var edited = await FeedAsync(instance.Feeds, FeedFormat.Json, FirstPage, default);
        Assert.NotEqual(first.ETag, edited.ETag);
        Assert.Equal(_clock.GetUtcNow(), edited.LastModified);
    }

    [Fact]
    public async Task A_refresh_that_read_the_store_before_another_scrape_stored_does_not_overwrite_the_fuller_feed()
    {
        await using var seeded = await SeededAsync();
        await using var second = await FeedInstance.StartAsync(azurite, _prefix, _clock);
        // Between the first refresh's read of the store and its upload of the "all" feed, a concurrent scrape
        // (another source, same shared feeds) stores an article and publishes its own, fuller, refresh.
        var race = new BeforeFirstRequest(
            request => request.Method == RequestMethod.Put && request.Uri.Path.Contains($"/{_prefix}feeds/all/", StringComparison.Ordinal),
            async () =>
            {
                await second.SaveAsync(FeedInstance.Article(5, FeedInstance.Beta));
                await second.Feeds.RefreshAsync(["beta"], ["Politique"], default);
            });
        await using var first = await FeedInstance.StartAsync(azurite, _prefix, _clock, race);
        await first.SaveAsync(FeedInstance.Article(4));

        await first.Feeds.RefreshAsync(["alpha"], ["Politique"], default);

        Assert.True(race.Ran, "the first refresh never uploaded the all feed");

        await using var reader = await FeedInstance.StartAsync(azurite, _prefix, _clock);
        foreach (var query in new[] { FirstPage, FirstPage with { Category = "Politique" } })
        {
            var ids = Load(await FeedAsync(reader.Feeds, FeedFormat.Rss, query, default)).Items.Select(i => i.Id).ToList();
            Assert.Equal(["urn:langaj:article:f0005", "urn:langaj:article:f0004", "urn:langaj:article:f0003"], ids.Take(3));
        }
    }

    [Fact]
    public async Task Other_pages_and_sizes_are_rendered_from_the_store_on_request()
    {
        await using var instance = await SeededAsync();

        var small = await FeedAsync(instance.Feeds, FeedFormat.Rss, FirstPage with { Limit = 2 }, default);
        Assert.NotEmpty(instance.Calls.Requests);
        var feed = Load(small);
        Assert.Equal(["urn:langaj:article:f0003", "urn:langaj:article:f0002"], feed.Items.Select(i => i.Id));
        var next = NextLink(feed);
        Assert.Equal("https://feeds.example/api/feeds/rss", next.GetLeftPart(UriPartial.Path));

        Assert.True(ArticleCursor.TryParse(System.Web.HttpUtility.ParseQueryString(next.Query)["cursor"], out var cursor));
        var rest = Load(await FeedAsync(instance.Feeds, FeedFormat.Rss, FirstPage with { Limit = 2, Cursor = cursor }, default));
        Assert.Equal(["urn:langaj:article:f0001"], rest.Items.Select(i => i.Id));
    }

    [Fact]
    public async Task An_unknown_category_is_refused_and_never_published()
    {
        await using var instance = await SeededAsync();

        var refused = await instance.Feeds.GetAsync(FeedFormat.Atom, FirstPage with { Category = "Sport" }, default);

        Assert.Null(refused.Feed);
        Assert.Equal(new UnknownScope("category", "Sport"), refused.Unknown);
        var container = instance.Blobs.GetBlobContainerClient(_prefix + "feeds");
        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync())
        {
            names.Add(blob.Name);
        }
        Assert.DoesNotContain(names, n => n.Contains("sport", StringComparison.Ordinal));
        Assert.Contains("category/economie/atom", names);
        Assert.Contains("source/beta/json", names);
        Assert.Contains("feeds.opml", names);
    }

    [Fact]
    public async Task An_unknown_source_is_refused()
    {
        await using var instance = await SeededAsync();

        var refused = await instance.Feeds.GetAsync(FeedFormat.Rss, FirstPage with { SourceId = "gamma" }, default);

        Assert.Null(refused.Feed);
        Assert.Equal(new UnknownScope("source", "gamma"), refused.Unknown);
    }

    /// <summary>A page of a feed whose listing exists.</summary>
    private static async Task<RenderedFeed> FeedAsync(FeedService feeds, FeedFormat format, ArticleQuery query, CancellationToken cancellationToken) =>
        (await feeds.GetAsync(format, query, cancellationToken)).Feed ?? throw new Xunit.Sdk.XunitException("The feed's listing was unknown.");

    private static SyndicationFeed Load(RenderedFeed feed)
    {
        using var reader = XmlReader.Create(new MemoryStream(feed.Body.Identity));
        return SyndicationFeed.Load(reader);
    }

    // SyndicationFeed reads RSS's atom:link elements into Links, as it does Atom's links.
    private static Uri NextLink(SyndicationFeed feed) => feed.Links.Single(l => l.RelationshipType == "next").Uri;
}
