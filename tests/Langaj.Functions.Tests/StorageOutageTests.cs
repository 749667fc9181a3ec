using System.Net;
using System.Text.Json;
using Azure.Storage.Queues.Models;
using Langaj.Testing.Hosts;
using Langaj.Testing.Hosts.Protocol;
using Xunit.Abstractions;

namespace Langaj.Functions.Tests;

/// <summary>
/// The worker started while its storage is down, as on a first deploy before role assignments propagate: it
/// answers its host and loads its functions at once, says storage is the cause, and recovers by itself.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan PollDeadline = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task With_storage_down_at_start_the_functions_load_answer_503_naming_storage_and_recover_when_it_comes_back()
    {
        var storage = await azurite.StartDedicatedAsync();
        await storage.StopAsync(); // its ports stay its own, so the worker's connection string holds once it is back
        await using var functions = await FunctionsHost.StartAsync(BothHosts.WorkerAloneSettings(storage));
        Assert.Contains(functions.Functions, f => f.Name == "ScrapeQueuedSource"); // every load answered success, or StartAsync threw

        var health = await PollHealthAsync(functions, h => h.Status == HttpStatusCode.ServiceUnavailable && h.StorageError.Contains("unreachable", StringComparison.Ordinal));
        Assert.True(new[] { storage.BlobPort, storage.TablePort, storage.QueuePort }.Any(port => health.StorageError.Contains($"127.0.0.1:{port}", StringComparison.Ordinal)),
            $"the cause names no port of the storage account: {health.StorageError}");
        Assert.DoesNotContain("\n", health.StorageError, StringComparison.Ordinal);
        Assert.Equal("unavailable", health.Body.GetProperty("status").GetString());

        foreach (var path in new[] { "/api/articles", "/api/feeds/rss", "/api/articles/no-such-article" })
        {
            using var read = await functions.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, read.StatusCode);
            Assert.Equal("application/problem+json", read.Content.Headers.ContentType?.MediaType);
            Assert.True(read.Headers.RetryAfter?.Delta > TimeSpan.Zero, $"{path}: Retry-After '{read.Headers.RetryAfter}'");
            var problem = JsonDocument.Parse(await read.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Storage not ready", problem.GetProperty("title").GetString());
            Assert.Contains("unreachable", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var head = await functions.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/articles"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, head.StatusCode);
        // OPTIONS needs no storage: CORS and the allowed methods are answered before the storage gate.
        using var options = await functions.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/api/articles"));
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        // Nor do the files Langaj.Core ships.
        foreach (var path in new[] { "/api/openapi.json", "/api/feeds.xsl" })
        {
            using var shipped = await functions.GetAsync(path);
            Assert.True(shipped.StatusCode == HttpStatusCode.OK, $"{path}: {(int)shipped.StatusCode}");
        }

        var timer = await functions.FireTimerAsync("EnqueueDueSources");
        Assert.Equal(StatusResult.Types.Status.Failure, timer.Status);
        Assert.Contains("Storage not set up yet", timer.Exception.Message, StringComparison.Ordinal);
        // A failed invocation is what makes the host keep the message for its next dequeue.
        var queued = await functions.InvokeQueueAsync("ScrapeQueuedSource",
            QueuesModelFactory.QueueMessage("m1", "p1", BinaryData.FromString("demo"), 1, insertedOn: DateTimeOffset.UtcNow));
        Assert.Equal(StatusResult.Types.Status.Failure, queued.Status);
        Assert.Contains("Storage not set up yet", queued.Exception.Message, StringComparison.Ordinal);

        output.WriteLine($"cause while down: {health.StorageError}");
        await storage.StartAsync();
        var back = System.Diagnostics.Stopwatch.StartNew();

        health = await PollHealthAsync(functions, h => h.Status == HttpStatusCode.OK);
        output.WriteLine($"health 200 {back.Elapsed.TotalSeconds:F1} s after storage came back");
        Assert.True(health.Body.GetProperty("storageReachable").GetBoolean());
        using var articles = await functions.GetAsync("/api/articles");
        Assert.Equal(HttpStatusCode.OK, articles.StatusCode);
        using var feed = await functions.GetAsync("/api/feeds/rss");
        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal(StatusResult.Types.Status.Success, (await functions.FireTimerAsync("EnqueueDueSources")).Status);
    }

    private sealed record Health(HttpStatusCode Status, JsonElement Body)
    {
        public string StorageError => Body.GetProperty("storageError").GetString() ?? "";
    }

    private static async Task<Health> PollHealthAsync(FunctionsHost functions, Func<Health, bool> until)
    {
        var (status, body) = await functions.PollAsync("/api/health", (status, body) => until(new Health(status, JsonDocument.Parse(body).RootElement)), PollDeadline);
        return new Health(status, JsonDocument.Parse(body).RootElement);
    }
}
