using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Langaj.Testing.Hosts;
using Langaj.Testing.Hosts.Protocol;

namespace Langaj.Functions.Tests;

/// <summary>
/// The operator functions through the host's protocol: a scrape asked for is accepted at once and run by the
/// queue function; sources changed through the Functions app are the local host's too (one storage account).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class OperatorFunctionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_scrape_asked_for_answers_202_the_queue_function_runs_it_and_the_location_shows_the_result()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);

        using var accepted = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/sources/demo/scrape"));
        using var unknown = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/sources/nope/scrape"));

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal("/api/sources/demo", accepted.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("queued", (await GetJsonAsync(hosts, accepted.Headers.Location!.OriginalString)).GetProperty("run").GetString());

        var drained = await hosts.Functions.DrainQueueAsync("ScrapeQueuedSource", hosts.Storage.ConnectionString);

        Assert.Equal(StatusResult.Types.Status.Success, Assert.Single(drained).Status);
        var done = await GetJsonAsync(hosts, accepted.Headers.Location!.OriginalString);
        Assert.Equal(("idle", 4), (done.GetProperty("run").GetString(), done.GetProperty("new").GetInt32()));
        Assert.Equal(4, (await (await hosts.Functions.GetAsync("/api/articles")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_source_put_paused_and_deleted_through_the_functions_app_is_seen_so_by_the_local_host()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);
        // Once, so the worker's HTTP listener is bound before a request with a body (which the fixture does not resend).
        using var warm = await hosts.Functions.GetAsync("/api/sources");
        Assert.Equal(HttpStatusCode.OK, warm.StatusCode);

        using var created = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/sources/other")
        {
            Content = new StringContent("""{ "name": "Other", "language": "fr", "sitemap": { "url": "https://other.example/sitemap.xml" } }""", Encoding.UTF8, "application/json"),
        });
        using var invalid = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/api/sources/broken")
        {
            Content = new StringContent("""{ "language": "fr" }""", Encoding.UTF8, "application/json"),
        });
        using var paused = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/sources/other/pause"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/sources/other", created.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("source \\\"broken\\\": field \\\"name\\\": required, a non-empty string.", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        var seenLocally = (await LocalJsonAsync(hosts, "api/sources")).EnumerateArray().ToDictionary(s => s.GetProperty("id").GetString()!, s => s.GetProperty("paused").GetBoolean());
        Assert.Equal(new Dictionary<string, bool> { ["demo"] = false, ["other"] = true }, seenLocally);

        using var deleted = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/sources/other"));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(["demo"], (await LocalJsonAsync(hosts, "api/sources")).EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_source_deleted_with_its_articles_through_the_functions_app_leaves_the_feeds_and_the_local_hosts_articles()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);
        using var accepted = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/sources/demo/scrape"));
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(StatusResult.Types.Status.Success, Assert.Single(await hosts.Functions.DrainQueueAsync("ScrapeQueuedSource", hosts.Storage.ConnectionString)).Status);

        using var maybe = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/sources/demo?deleteArticles=maybe"));
        using var deleted = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/sources/demo?deleteArticles=true"));
        using var again = await hosts.Functions.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/sources/demo?deleteArticles=true"));

        Assert.Equal(HttpStatusCode.BadRequest, maybe.StatusCode);
        Assert.Contains("deleteArticles must be true or false.", await maybe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(4, (await deleted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("deletedArticles").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(0, (await (await hosts.Functions.GetAsync("/api/articles")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").GetArrayLength());
        Assert.Equal(0, (await hosts.Local.Client.GetFromJsonAsync<JsonElement>("api/articles")).GetProperty("items").GetArrayLength());
        Assert.Empty((await (await hosts.Functions.GetAsync("/api/feeds/json")).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray());
    }

    private static async Task<JsonElement> GetJsonAsync(BothHosts hosts, string path)
    {
        using var response = await hosts.Functions.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<JsonElement> LocalJsonAsync(BothHosts hosts, string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", LocalHost.OperatorKey);
        using var response = await hosts.Local.Client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
