using Langaj.Core;

namespace Langaj.Integration.Tests.Storage;

[Collection(AzuriteFixture.Collection)]
public sealed class ArticleStoreTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private ServiceProvider _services = null!;
    private ArticleStore _store = null!;

    public async Task InitializeAsync()
    {
        _services = await azurite.StorageAsync();
        _store = _services.GetRequiredService<ArticleStore>();
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Saved_article_reads_back_with_every_field()
    {
        var article = TestArticles.Make("round-trip");
        var before = DateTimeOffset.UtcNow;

        Assert.Equal(SaveOutcome.New, await _store.SaveAsync(article, TestArticles.Raw(article), default));
        var read = await _store.GetAsync(article.Id, default);

        Assert.NotNull(read);
        // The store stamps FirstSeen and Updated itself; everything else comes back as given.
        Assert.InRange(read.FirstSeen, before, DateTimeOffset.UtcNow);
        Assert.Equal(read.FirstSeen, read.Updated);
        AssertSameArticle(article, read);
        Assert.Equal(TimeSpan.FromHours(1), read.Metadata.Published!.Value.Offset);
    }

    [Fact]
    public async Task Raw_page_reads_back_decompressed_with_how_it_was_fetched()
    {
        var article = TestArticles.Make("raw");
        var raw = TestArticles.Raw(article);
        await _store.SaveAsync(article, raw, default);

        var read = await _store.GetRawAsync(article.Id, default);

        Assert.NotNull(read);
        Assert.Equal(raw.Bytes, read.Bytes);
        Assert.Equal(raw.ContentType, read.ContentType);
        Assert.Equal(raw.FetchedFrom, read.FetchedFrom);
        Assert.Equal(raw.FetchedAt, read.FetchedAt);
        Assert.Null(await _store.GetRawAsync("absent", default));
    }

    [Fact]
    public async Task Absent_or_impossible_ids_read_as_null()
    {
        await _store.SaveAsync(TestArticles.Make("present"), TestArticles.Raw(TestArticles.Make("present")), default);

        Assert.Null(await _store.GetAsync("absent", default));
        Assert.Null(await _store.GetAsync("a/b", default));
        Assert.Null(await _store.GetAsync("x' or PartitionKey ne '", default));
    }

    [Fact]
    public async Task Saving_the_same_content_again_is_unchanged_and_writes_nothing()
    {
        var article = TestArticles.Make("same");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var first = await _store.GetAsync(article.Id, default);
        var before = await StorageAssert.SnapshotAsync(_store);

        // A later scrape: other timestamps and another raw page, same content hash.
        var again = article with { FirstSeen = DateTimeOffset.UtcNow, Updated = DateTimeOffset.UtcNow };
        Assert.Equal(SaveOutcome.Unchanged, await _store.SaveAsync(again, TestArticles.Raw(article, version: 2), default));

        Assert.Equal(before, await StorageAssert.SnapshotAsync(_store));
        StorageAssert.SameArticle(first!, (await _store.GetAsync(article.Id, default))!);
    }

    [Fact]
    public async Task Changed_content_is_updated_keeping_first_seen_and_the_id()
    {
        var article = TestArticles.Make("edited");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var first = await _store.GetAsync(article.Id, default);

        var edited = TestArticles.Edited(article, 2);
        Assert.Equal(SaveOutcome.Updated, await _store.SaveAsync(edited, TestArticles.Raw(edited, 2), default));
        var read = await _store.GetAsync(article.Id, default);

        Assert.NotNull(first);
        Assert.NotNull(read);
        Assert.Equal(article.Id, read.Id);
        Assert.Equal(first.FirstSeen, read.FirstSeen);
        Assert.True(read.Updated > first.Updated);
        Assert.Equal(edited.Body.Text, read.Body.Text);
        Assert.Equal(edited.Body.Html, read.Body.Html);
        Assert.Equal(edited.ContentHash, read.ContentHash);
        Assert.Equal(TestArticles.Raw(edited, 2).Bytes, (await _store.GetRawAsync(article.Id, default))!.Bytes);
        var listed = Assert.Single((await _store.ListAsync(new ArticleQuery(null, null, 10, null), includeContent: true, default)).Items);
        StorageAssert.SameArticle(read, listed);
        await StorageAssert.CleanAsync(_store);
    }

    [Fact]
    public async Task Three_views_list_newest_first_and_page_without_gaps_or_duplicates()
    {
        // 23 articles over two sources and two categories; two share a publication time (ordered by id then).
        var articles = Enumerable.Range(0, 23).Select(n => TestArticles.Make(
            TestArticles.Id(n),
            sourceId: n % 3 == 0 ? "liberation" : "lemonde",
            published: TestArticles.Noon.AddMinutes(n == 7 ? 6 * 37 % 23 : n * 37 % 23),
            category: n % 2 == 0 ? "Guerre Russie Ukraine" : "Économie")).ToList();
        foreach (var article in articles)
        {
            Assert.Equal(SaveOutcome.New, await _store.SaveAsync(article, TestArticles.Raw(article), default));
        }

        await AssertListingAsync(new ArticleQuery(null, null, 5, null), articles);
        await AssertListingAsync(new ArticleQuery(null, "lemonde", 4, null), articles.Where(a => a.SourceId == "lemonde"));
        await AssertListingAsync(new ArticleQuery(null, "liberation", 3, null), articles.Where(a => a.SourceId == "liberation"));
        await AssertListingAsync(new ArticleQuery("Économie", null, 5, null), articles.Where(a => a.Metadata.Category == "Économie"));
        await AssertListingAsync(new ArticleQuery("guerre-russie-ukraine", null, 6, null), articles.Where(a => a.Metadata.Category == "Guerre Russie Ukraine"));
        await AssertListingAsync(new ArticleQuery("Guerre Russie Ukraine", null, 100, null), articles.Where(a => a.Metadata.Category == "Guerre Russie Ukraine"));
        await AssertListingAsync(
            new ArticleQuery("economie", "liberation", 2, null),
            articles.Where(a => a.Metadata.Category == "Économie" && a.SourceId == "liberation"));
        await StorageAssert.CleanAsync(_store);
    }

    [Fact]
    public async Task Listing_without_content_carries_every_field_but_text_and_html()
    {
        var article = TestArticles.Make("listed");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var stored = await _store.GetAsync(article.Id, default);

        var page = await _store.ListAsync(new ArticleQuery(null, null, 10, null), includeContent: false, default);

        var listed = Assert.Single(page.Items);
        StorageAssert.SameArticle(stored! with { Body = ArticleBody.Empty }, listed);
        Assert.Null(page.Next);
    }

    [Fact]
    public async Task Hostile_filter_values_find_nothing()
    {
        foreach (var n in Enumerable.Range(0, 3))
        {
            var article = TestArticles.Make(TestArticles.Id(n));
            await _store.SaveAsync(article, TestArticles.Raw(article), default);
        }
        const string hostile = "x' or PartitionKey ne '";

        Assert.Empty((await _store.ListAsync(new ArticleQuery(hostile, null, 10, null), false, default)).Items);
        Assert.Empty((await _store.ListAsync(new ArticleQuery(null, hostile, 10, null), false, default)).Items);
        Assert.Empty((await _store.ListAsync(new ArticleQuery("International", hostile, 10, null), false, default)).Items);
        Assert.Empty((await _store.ListAsync(new ArticleQuery(null, "lemonde' or RowKey ne '", 10, null), false, default)).Items);
        Assert.Equal(3, (await _store.ListAsync(new ArticleQuery(null, "lemonde", 10, null), false, default)).Items.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public async Task Limit_out_of_range_is_an_argument_error(int limit)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _store.ListAsync(new ArticleQuery(null, null, limit, null), false, default));
    }

    [Fact]
    public async Task Changed_publication_time_and_category_move_the_listing_rows()
    {
        var other = TestArticles.Make("other", published: TestArticles.Noon.AddHours(-1), category: "Politique");
        await _store.SaveAsync(other, TestArticles.Raw(other), default);
        var article = TestArticles.Make("moving", published: TestArticles.Noon.AddHours(-2), category: "Politique");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);

        var moved = TestArticles.Moved(article, 2, TestArticles.Noon.AddHours(3), "Économie");
        Assert.Equal(SaveOutcome.Updated, await _store.SaveAsync(moved, TestArticles.Raw(moved, 2), default));

        Assert.Equal(["moving", "other"], await IdsAsync(new ArticleQuery(null, null, 10, null)));
        Assert.Equal(["moving", "other"], await IdsAsync(new ArticleQuery(null, "lemonde", 10, null)));
        Assert.Equal(["other"], await IdsAsync(new ArticleQuery("politique", null, 10, null)));
        Assert.Equal(["moving"], await IdsAsync(new ArticleQuery("economie", null, 10, null)));
        await StorageAssert.CleanAsync(_store);
    }

    [Fact]
    public async Task Categories_are_listed_with_their_name_and_newest_article()
    {
        var older = TestArticles.Make("older", published: TestArticles.Noon, category: "Guerre Russie Ukraine");
        var newer = TestArticles.Make("newer", published: TestArticles.Noon.AddDays(1), category: "Guerre Russie Ukraine");
        var economy = TestArticles.Make("economy", published: TestArticles.Noon, category: "Économie");
        var none = TestArticles.Make("none", category: null);
        foreach (var article in new[] { newer, older, economy, none })
        {
            await _store.SaveAsync(article, TestArticles.Raw(article), default);
        }

        var categories = await _store.ListCategoriesAsync(default);

        Assert.Equal(
            [
                new CategoryInfo("economie", "Économie", TestArticles.Noon),
                new CategoryInfo("guerre-russie-ukraine", "Guerre Russie Ukraine", TestArticles.Noon.AddDays(1)),
            ],
            categories);
    }

    [Fact]
    public async Task Ids_are_listed_per_source_for_re_extraction()
    {
        foreach (var (id, source) in new[] { ("a1", "lemonde"), ("a2", "liberation"), ("a3", "lemonde") })
        {
            var article = TestArticles.Make(id, sourceId: source, published: TestArticles.Noon.AddMinutes(id[1]));
            await _store.SaveAsync(article, TestArticles.Raw(article), default);
        }

        Assert.Equal(["a3", "a1"], await _store.ListIdsAsync("lemonde", default).ToListAsync());
        Assert.Equal(["a3", "a2", "a1"], await _store.ListIdsAsync(null, default).ToListAsync());
    }

    [Fact]
    public async Task Concurrent_saves_of_one_article_store_it_once()
    {
        var article = TestArticles.Make("concurrent");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _store.SaveAsync(article, TestArticles.Raw(article), default)));

        Assert.Single(outcomes, SaveOutcome.New);
        Assert.All(outcomes.Where(o => o != SaveOutcome.New), o => Assert.Equal(SaveOutcome.Unchanged, o));
        Assert.Equal(["concurrent"], await IdsAsync(new ArticleQuery(null, null, 10, null)));
        await StorageAssert.CleanAsync(_store);
    }

    [Fact]
    public async Task Concurrent_saves_of_different_versions_leave_one_consistent_version()
    {
        var article = TestArticles.Make("race", published: TestArticles.Noon, category: "Politique");
        await _store.SaveAsync(article, TestArticles.Raw(article), default);
        var versions = Enumerable.Range(2, 4)
            .Select(v => TestArticles.Moved(article, v, TestArticles.Noon.AddHours(v), v % 2 == 0 ? "Économie" : "Société"))
            .ToList();

        await Task.WhenAll(versions.Select(v => _store.SaveAsync(v, TestArticles.Raw(v, 2), default)));

        var stored = await _store.GetAsync(article.Id, default);
        Assert.Contains(stored!.ContentHash, versions.Select(v => v.ContentHash));
        Assert.Equal(["race"], await IdsAsync(new ArticleQuery(null, null, 10, null)));
        Assert.Equal(["race"], await IdsAsync(new ArticleQuery(stored.Metadata.Category, null, 10, null)));
        // Whatever a racing save left behind, the next save finishes it.
        await _store.SaveAsync(stored, TestArticles.Raw(stored, 2), default);
        await StorageAssert.CleanAsync(_store);
    }

    private async Task AssertListingAsync(ArticleQuery query, IEnumerable<Article> expected)
    {
        var order = expected
            .OrderByDescending(a => a.Metadata.Published)
            .ThenBy(a => a.Id, StringComparer.Ordinal)
            .Select(a => a.Id)
            .ToList();
        var ids = new List<string>();
        var pages = 0;
        var next = query.Cursor;
        do
        {
            var page = await _store.ListAsync(query with { Cursor = next }, includeContent: pages % 2 == 0, default);
            Assert.InRange(page.Items.Count, 0, query.Limit);
            Assert.All(page.Items, a => Assert.Equal(pages % 2 == 0, a.Body.Text.Length > 0));
            if (page.Next is not null)
            {
                Assert.Equal(query.Limit, page.Items.Count);
                Assert.Matches("^[A-Za-z0-9_-]+$", page.Next.ToString());
                // What a page hands out reads back as the same cursor: the way every next page is asked for.
                Assert.True(ArticleCursor.TryParse(page.Next.ToString(), out var parsed));
                Assert.Equal(page.Next, parsed);
            }
            ids.AddRange(page.Items.Select(a => a.Id));
            next = page.Next;
            pages++;
        }
        while (next is not null);

        Assert.Equal(order, ids);
        Assert.Equal(Math.Max(1, (order.Count + query.Limit - 1) / query.Limit), pages);
    }

    private async Task<List<string>> IdsAsync(ArticleQuery query) =>
        (await _store.ListAsync(query, includeContent: false, default)).Items.Select(a => a.Id).ToList();

    private static void AssertSameArticle(Article expected, Article actual) =>
        StorageAssert.SameArticle(expected with { FirstSeen = actual.FirstSeen, Updated = actual.Updated }, actual);
}
