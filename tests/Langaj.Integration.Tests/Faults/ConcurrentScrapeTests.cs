using System.Net;
using Langaj.Core.Scraping;

namespace Langaj.Integration.Tests.Faults;

/// <summary>Two instances on one storage scraping the same source at the same moment: one scrapes, the other stands back.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ConcurrentScrapeTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string SourceId = "double";
    private const int Articles = 6;

    [Fact]
    public async Task A_second_scrape_of_a_source_being_scraped_is_refused_and_nothing_is_stored_twice()
    {
        await using var site = await FaultSite.StartAsync([FaultSource.Good(SourceId, Articles)]);
        var feedRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The first scrape holds its lease, stopped at its feed, until the test has tried the others.
        site.BeforeFeed = async _ =>
        {
            feedRequested.TrySetResult();
            await release.Task.WaitAsync(TimeSpan.FromSeconds(30));
        };
        await using var first = await site.StartHostAsync(azurite);
        await using var second = await site.StartHostAsync(azurite, namePrefix: first.NamePrefix);

        var running = first.Services.GetRequiredService<ScrapeRunner>().RunSourceAsync(SourceId, CancellationToken.None);
        await feedRequested.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var meanwhile = await second.Services.GetRequiredService<ScrapeRunner>().RunSourceAsync(SourceId, CancellationToken.None);
        using var operatorRequest = new HttpRequestMessage(HttpMethod.Post, $"api/sources/{SourceId}/scrape");
        operatorRequest.Headers.Add("x-functions-key", LocalHost.OperatorKey);
        using var operatorAnswer = await second.Client.SendAsync(operatorRequest);
        release.SetResult();
        var done = await running;

        Assert.NotNull(meanwhile);
        Assert.NotNull(done);
        Assert.True(meanwhile.AlreadyRunning);
        Assert.Equal((0, 0), (meanwhile.Found, meanwhile.New));
        Assert.Equal(HttpStatusCode.Conflict, operatorAnswer.StatusCode);
        Assert.Equal("application/problem+json", operatorAnswer.Content.Headers.ContentType?.MediaType);
        Assert.Equal((Articles, Articles, null), (done.Found, done.New, done.Error));
        Assert.Single(site.Site.RequestsTo($"/s/{SourceId}/feed.xml"));

        // Both at once, with nothing holding them back: whichever way they meet, they converge on the same articles.
        site.BeforeFeed = null;
        var both = (await Task.WhenAll(
            first.Services.GetRequiredService<ScrapeRunner>().RunSourceAsync(SourceId, CancellationToken.None),
            second.Services.GetRequiredService<ScrapeRunner>().RunSourceAsync(SourceId, CancellationToken.None))).OfType<SourceReport>().ToList();
        Assert.Equal(2, both.Count);
        Assert.All(both, r => Assert.True(r.AlreadyRunning || (r.Error is null && r.New == 0 && r.Failed == 0)));

        var store = first.Services.GetRequiredService<ArticleStore>();
        var listed = await FaultySourcesTests.ListedIdsAsync(store);
        output.WriteLine($"first: new {done.New}; concurrent: already running {meanwhile.AlreadyRunning}, operator {(int)operatorAnswer.StatusCode}; " +
            $"then both at once: {string.Join(", ", both.Select(r => r.AlreadyRunning ? "already running" : $"new {r.New} unchanged {r.Unchanged}"))}; " +
            $"stored {listed.Count}, duplicates {listed.Count - listed.Distinct().Count()}");
        Assert.Equal(site.ArticleIds(SourceId).Order(), listed.Order());
        await StorageAssert.CleanAsync(store);
        var api = await second.Client.GetFromJsonAsync<JsonElement>($"api/articles?source={SourceId}");
        Assert.Equal(Articles, api.GetProperty("items").GetArrayLength());
    }
}
