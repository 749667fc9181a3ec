using System.Net;
using System.Text;
using Azure.Storage.Queues;
using Langaj.Core.Scraping;
using Langaj.Testing;

namespace Langaj.Integration.Tests.Operator;

/// <summary>
/// The operator endpoints on the local host, on Azurite: a scrape asked for answers at once and runs from the queue;
/// sources are kept in storage, changed through the API and seen by every instance.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class OperatorSourcesTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_scrape_asked_for_is_accepted_at_once_and_its_run_is_followed_at_the_location()
    {
        await using var host = await LocalHost.StartAsync(azurite, demo: true);

        using var accepted = await SendAsync(host, HttpMethod.Post, "api/sources/demo/scrape");
        using var unknown = await SendAsync(host, HttpMethod.Post, "api/sources/nope/scrape");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("/api/sources/demo", accepted.Headers.Location?.OriginalString);
        Assert.Equal("queued", (await accepted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("run").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        var queued = await GetJsonAsync(host, accepted.Headers.Location!.OriginalString);
        Assert.Equal(("queued", JsonValueKind.Null), (queued.GetProperty("run").GetString(), queued.GetProperty("lastRun").ValueKind));

        // What the local host's queue worker does with the message.
        Assert.True(await host.Services.GetRequiredService<ScrapeQueue>().ProcessNextAsync(CancellationToken.None));

        var done = await GetJsonAsync(host, accepted.Headers.Location!.OriginalString);
        Assert.Equal("idle", done.GetProperty("run").GetString());
        Assert.Equal(4, done.GetProperty("new").GetInt32());
        Assert.True(done.GetProperty("lastRun").GetDateTimeOffset() >= done.GetProperty("scrapeRequested").GetDateTimeOffset());
        Assert.Equal(4, (await host.Client.GetFromJsonAsync<JsonElement>("api/articles")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task The_local_hosts_worker_runs_a_scrape_asked_for_and_the_scheduler_leaves_a_paused_source_alone()
    {
        await using var first = await LocalHost.StartAsync(azurite, demo: true);
        using var paused = await SendAsync(first, HttpMethod.Post, "api/sources/demo/pause");
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        // As serve runs: the scheduler queues every source not paused at start (none here), the worker takes the queue.
        await using var serving = await LocalHost.StartAsync(azurite, demo: true, namePrefix: first.NamePrefix, runSchedules: true);

        using var accepted = await SendAsync(serving, HttpMethod.Post, "api/sources/demo/scrape");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var done = await FollowUntilIdleAsync(serving, accepted.Headers.Location!.OriginalString);

        Assert.True(done.GetProperty("paused").GetBoolean());
        Assert.Equal(4, done.GetProperty("new").GetInt32());
        var queue = serving.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(first.NamePrefix + ScrapeQueue.QueueName);
        Assert.Null((await queue.PeekMessageAsync()).Value);
    }

    [Fact]
    public async Task A_source_added_through_the_api_is_listed_by_another_instance_paused_resumed_and_removed_keeping_its_articles()
    {
        await using var first = await LocalHost.StartAsync(azurite, demo: true);
        await using var second = await LocalHost.StartAsync(azurite, demo: true, namePrefix: first.NamePrefix,
            settings: new Dictionary<string, string?> { ["Sources:RevalidateAfter"] = "00:00:00" });
        var entry = $$"""{ "name": "Copie", "language": "fr", "feed": { "url": "{{new Uri(first.BaseUri, "demo/feed.xml")}}" }, "allowPrivateAddresses": true }""";

        using var created = await SendAsync(first, HttpMethod.Put, "api/sources/copie", entry);
        using var replaced = await SendAsync(first, HttpMethod.Put, "api/sources/copie", entry.Replace("Copie", "Copie 2", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/sources/copie", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var listed = (await GetJsonAsync(second, "api/sources")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal(["copie", "demo"], listed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Copie 2", listed["copie"].GetProperty("definition").GetProperty("name").GetString());

        using var paused = await SendAsync(second, HttpMethod.Post, "api/sources/copie/pause");
        Assert.True((await paused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());
        Assert.Equal(["demo"], (await second.Services.GetRequiredService<ScrapeRunner>().DueSourcesAsync(CancellationToken.None)).Select(s => s.Id));
        using var resumed = await SendAsync(second, HttpMethod.Post, "api/sources/copie/resume");
        Assert.False((await resumed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paused").GetBoolean());

        var scraped = await second.Services.GetRequiredService<ScrapeRunner>().RunSourceAsync("copie", CancellationToken.None);
        Assert.NotNull(scraped);
        Assert.Equal(4, scraped.New);
        using var removed = await SendAsync(first, HttpMethod.Delete, "api/sources/copie");
        using var again = await SendAsync(first, HttpMethod.Delete, "api/sources/copie");
        using var gone = await SendAsync(second, HttpMethod.Get, "api/sources/copie");

        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Equal(4, (await second.Client.GetFromJsonAsync<JsonElement>("api/articles")).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task An_invalid_source_is_refused_with_every_problem_named_as_the_sources_file_names_them()
    {
        await using var host = await LocalHost.StartAsync(azurite, demo: true);

        using var invalid = await SendAsync(host, HttpMethod.Put, "api/sources/bad", """{ "name": 42, "language": "fr", "feed": { "url": "ftp://x" }, "schedule": "61 * * * *" }""");
        using var wrongId = await SendAsync(host, HttpMethod.Put, "api/sources/bad", """{ "id": "other", "name": "N", "language": "fr", "feed": { "url": "https://x.example/feed" } }""");
        using var notJson = await SendAsync(host, HttpMethod.Put, "api/sources/bad", "{ name");

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var problems = (await invalid.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("bad").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(
        [
            "source \"bad\": field \"name\": wrong type: expected a string, got a number.",
            "source \"bad\": field \"feed.url\": \"ftp://x\" is not an absolute http or https URL.",
            "source \"bad\": field \"schedule\": \"61 * * * *\": field 1, minute (0-59), \"61\" is out of range or not valid.",
        ], problems);
        Assert.Equal(HttpStatusCode.BadRequest, wrongId.StatusCode);
        Assert.Contains("is not the id the entry is given under", await wrongId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(["demo"], (await GetJsonAsync(host, "api/sources")).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_restart_applies_the_sources_file_again_and_keeps_the_sources_added_through_the_api()
    {
        var sources = await TestSources.FileAsync(TestSources.Feed("file", new Uri("https://file.example/feed.xml"), "From the file"));
        string prefix;
        await using (var first = await LocalHost.StartAsync(azurite, sourcesFile: sources))
        {
            prefix = first.NamePrefix;
            using var added = await SendAsync(first, HttpMethod.Put, "api/sources/api-added", """{ "name": "Added", "language": "fr", "sitemap": { "url": "https://added.example/sitemap.xml" } }""");
            using var renamed = await SendAsync(first, HttpMethod.Put, "api/sources/file", """{ "name": "Renamed", "language": "fr", "feed": { "url": "https://file.example/feed.xml" } }""");
            using var paused = await SendAsync(first, HttpMethod.Post, "api/sources/file/pause");
            Assert.Equal((HttpStatusCode.Created, HttpStatusCode.OK, HttpStatusCode.OK), (added.StatusCode, renamed.StatusCode, paused.StatusCode));
        }

        await using var restarted = await LocalHost.StartAsync(azurite, sourcesFile: sources, namePrefix: prefix);

        var listed = (await GetJsonAsync(restarted, "api/sources")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!);
        Assert.Equal(["api-added", "file"], listed.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("From the file", listed["file"].GetProperty("name").GetString());
        Assert.True(listed["file"].GetProperty("paused").GetBoolean());
    }

    /// <summary>Follows a scrape's Location as an operator would, until its run is over (the worker's pace is its own).</summary>
    private static async Task<JsonElement> FollowUntilIdleAsync(LocalHost host, string location)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = await GetJsonAsync(host, location);
            if (status.GetProperty("run").GetString() == "idle")
            {
                return status;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the run did not end within 60 s: {status}");
            await Task.Delay(250);
        }
    }

    private static async Task<JsonElement> GetJsonAsync(LocalHost host, string path)
    {
        using var response = await SendAsync(host, HttpMethod.Get, path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> SendAsync(LocalHost host, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Add("x-functions-key", LocalHost.OperatorKey);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }
        return await host.Client.SendAsync(request);
    }
}
