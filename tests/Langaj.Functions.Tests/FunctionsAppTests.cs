using System.Net;
using System.Text.Json;
using Langaj.Testing.Hosts;
using Langaj.Testing.Hosts.Protocol;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Langaj.Functions.Tests;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : AzuriteCollectionDefinition;

/// <summary>
/// The built Functions worker, driven through the host's protocol, beside the local host: the same
/// routes, the same answers from the same stored data, and the scheduled pipeline run end to end.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class FunctionsAppTests(AzuriteFixture azurite)
{
    private static readonly string[] ValidatorHeaders = ["ETag", "Last-Modified", "Cache-Control", "Vary"];

    /// <summary>The local host's API routes as it maps them: name, method and pattern without the leading slash.</summary>
    private static List<string> LocalRoutes(LocalHost local) =>
    [
        .. local.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"])
                .Select(m => $"{e.Metadata.GetMetadata<EndpointNameMetadata>()?.EndpointName} {m} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal),
    ];

    [Fact]
    public async Task Every_function_loads_and_the_http_ones_are_the_local_hosts_routes_by_name_method_and_route()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);
        var functions = hosts.Functions.Functions;

        var http = functions.Where(f => f.TriggerType == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => $"{f.Name} {m} api/{f.Route}"))
            .Order(StringComparer.Ordinal);
        Assert.Equal(LocalRoutes(hosts.Local), http);
        Assert.Equal(
            ["EnqueueDueSources timerTrigger", "ScrapeQueuedSource queueTrigger"],
            functions.Where(f => f.TriggerType != "httpTrigger").Select(f => $"{f.Name} {f.TriggerType}").Order(StringComparer.Ordinal));
        Assert.Equal("%ScrapeSchedule%", hosts.Functions.Function("EnqueueDueSources").Trigger.GetProperty("schedule").GetString());
        Assert.False(hosts.Functions.Function("EnqueueDueSources").Trigger.TryGetProperty("runOnStartup", out var onStartup) && onStartup.GetBoolean());
    }

    [Fact]
    public async Task The_routes_that_need_a_function_key_are_the_ones_the_local_host_refuses_without_its_operator_key()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);

        foreach (var function in hosts.Functions.Functions.Where(f => f.TriggerType == "httpTrigger"))
        {
            var path = "/api/" + function.Route!.Replace("{id}", "no-such-id", StringComparison.Ordinal);
            using var response = await hosts.Local.Client.SendAsync(new HttpRequestMessage(new HttpMethod(function.Methods[0]), path));
            var guarded = response.StatusCode == HttpStatusCode.Unauthorized;
            Assert.True(guarded == !string.Equals(function.AuthLevel, "anonymous", StringComparison.OrdinalIgnoreCase), $"{function.Name}: auth level {function.AuthLevel}, local host answered {(int)response.StatusCode}");
        }
    }

    /// <summary>Also CI's smoke run of the ReadyToRun publish output (<c>LANGAJ_FUNCTIONS_WORKER_DIR</c>).</summary>
    [Fact]
    [Trait("Category", "PublishSmoke")]
    public async Task Timer_enqueues_the_due_source_the_queue_function_scrapes_it_and_every_route_answers_as_the_local_host_does()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);

        var timer = await hosts.Functions.FireTimerAsync("EnqueueDueSources");
        Assert.Equal(StatusResult.Types.Status.Success, timer.Status);
        var drained = await hosts.Functions.DrainQueueAsync("ScrapeQueuedSource", hosts.Storage.ConnectionString);
        var scrape = Assert.Single(drained); // one message: one due source
        Assert.Equal(StatusResult.Types.Status.Success, scrape.Status);

        using var articles = await hosts.Functions.GetAsync("/api/articles");
        Assert.Equal(HttpStatusCode.OK, articles.StatusCode);
        var listed = JsonDocument.Parse(await articles.Content.ReadAsStringAsync()).RootElement;
        var firstId = FirstArticleId(listed);
        Assert.NotNull(firstId);

        // Every GET route the local host maps, its parameters filled from the stored data.
        var parameters = new Dictionary<string, string> { ["id"] = firstId };
        var paths = hosts.Local.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true
                && e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("GET") == true)
            .Select(e => e.RoutePattern.Parameters.Aggregate(e.RoutePattern.RawText!, (path, p) => path.Replace("{" + p.Name + "}", parameters[p.Name], StringComparison.Ordinal)))
            .ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths.Concat(["/api/articles/no-such-article"]))
        {
            // With the operator key, which the local host checks on its operator routes (the Functions host's own check is not played here).
            using var local = await hosts.Local.Client.SendAsync(WithOperatorKey(path));
            using var functions = await hosts.Functions.SendAsync(WithOperatorKey(path));
            await AssertSameAnswer(path, local, functions);
        }
    }

    [Fact]
    public async Task A_message_for_an_unknown_source_is_consumed_once_without_retry()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);
        var queues = Queues(hosts.Storage);
        await queues.GetQueueClient(Core.Scraping.ScrapeQueue.QueueName).SendMessageAsync("no-such-source");

        var results = await hosts.Functions.DrainQueueAsync("ScrapeQueuedSource", hosts.Storage.ConnectionString);

        Assert.Equal(StatusResult.Types.Status.Success, Assert.Single(results).Status);
        Assert.Null((await queues.GetQueueClient(Core.Scraping.ScrapeQueue.QueueName + "-poison").ReceiveMessageAsync()).Value);
    }

    [Fact]
    public async Task A_message_that_keeps_failing_is_retried_up_to_host_jsons_max_dequeue_count_then_poisoned()
    {
        await using var hosts = await BothHosts.StartAsync(azurite);
        // Every scrape of the source fails: the tables it records runs in are gone.
        var tables = new Azure.Data.Tables.TableServiceClient(hosts.Storage.ConnectionString);
        await foreach (var table in tables.QueryAsync())
        {
            await tables.DeleteTableAsync(table.Name);
        }
        var queues = Queues(hosts.Storage);
        await queues.GetQueueClient(Core.Scraping.ScrapeQueue.QueueName).SendMessageAsync("demo");

        var results = await hosts.Functions.DrainQueueAsync("ScrapeQueuedSource", hosts.Storage.ConnectionString);

        var maxDequeueCount = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(FunctionsHost.DefaultWorkerDirectory, "host.json")))
            .RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32();
        Assert.Equal(Core.Scraping.ScrapeQueue.MaxDequeueCount, maxDequeueCount);
        Assert.Equal(maxDequeueCount, results.Count);
        Assert.All(results, r => Assert.Equal(StatusResult.Types.Status.Failure, r.Status));
        var poisoned = (await queues.GetQueueClient(Core.Scraping.ScrapeQueue.QueueName + "-poison").ReceiveMessageAsync()).Value;
        Assert.Equal("demo", poisoned?.Body.ToString());
    }

    [Fact]
    public async Task With_a_name_prefix_the_timer_and_the_queue_trigger_meet_on_the_prefixed_queue()
    {
        var prefix = AzuriteFixture.NewNamePrefix();
        await using var hosts = await BothHosts.StartAsync(azurite, azurite.Emulator, namePrefix: prefix);

        Assert.Equal(prefix + Core.Scraping.ScrapeQueue.QueueName,
            hosts.Functions.ResolveSettings(hosts.Functions.Function("ScrapeQueuedSource").Trigger.GetProperty("queueName").GetString()!));
        Assert.Equal(StatusResult.Types.Status.Success, (await hosts.Functions.FireTimerAsync("EnqueueDueSources")).Status);
        var drained = await hosts.Functions.DrainQueueAsync("ScrapeQueuedSource", hosts.Storage.ConnectionString);
        Assert.Equal(StatusResult.Types.Status.Success, Assert.Single(drained).Status);
        using var articles = await hosts.Functions.GetAsync("/api/articles");
        Assert.NotNull(FirstArticleId(JsonDocument.Parse(await articles.Content.ReadAsStringAsync()).RootElement));
    }

    [Fact]
    public async Task A_queue_name_setting_without_the_name_prefix_stops_the_worker_at_start_saying_what_to_set()
    {
        var settings = BothHosts.WorkerAloneSettings(azurite.Emulator, namePrefix: "staging");
        settings["ScrapeQueueName"] = Core.Scraping.ScrapeQueue.QueueName;

        var refused = await BothHosts.RefusedStartAsync(settings);

        Assert.Contains("ScrapeQueueName is 'scrape-requests' but scrape requests go to 'stagingscrape-requests'", refused, StringComparison.Ordinal);
        Assert.Contains("set ScrapeQueueName to 'stagingscrape-requests'", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_setting_stops_the_worker_at_start_naming_it()
    {
        var settings = BothHosts.WorkerAloneSettings(azurite.Emulator);
        settings["Storage:MaxRetries"] = "99";

        var refused = await BothHosts.RefusedStartAsync(settings);

        Assert.Contains("Storage:MaxRetries must be from 0 to 10, not 99.", refused, StringComparison.Ordinal);
    }

    private static Azure.Storage.Queues.QueueServiceClient Queues(Cli.Hosting.AzuriteEmulator storage) =>
        new(storage.ConnectionString, new Azure.Storage.Queues.QueueClientOptions { MessageEncoding = Azure.Storage.Queues.QueueMessageEncoding.Base64 });

    private static HttpRequestMessage WithOperatorKey(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add("x-functions-key", LocalHost.OperatorKey);
        return request;
    }

    private static string? FirstArticleId(JsonElement listed)
    {
        var items = listed.ValueKind == JsonValueKind.Array ? listed : listed.EnumerateObject().First(p => p.Value.ValueKind == JsonValueKind.Array).Value;
        return items.EnumerateArray().Select(a => a.GetProperty("id").GetString()).FirstOrDefault();
    }

    private static async Task AssertSameAnswer(string path, HttpResponseMessage local, HttpResponseMessage functions)
    {
        Assert.True(local.StatusCode == functions.StatusCode, $"{path}: local {(int)local.StatusCode}, functions {(int)functions.StatusCode}");
        Assert.True(local.Content.Headers.ContentType?.ToString() == functions.Content.Headers.ContentType?.ToString(),
            $"{path}: content type local {local.Content.Headers.ContentType}, functions {functions.Content.Headers.ContentType}");
        foreach (var header in ValidatorHeaders)
        {
            Assert.True(Header(local, header) == Header(functions, header), $"{path}: {header} local '{Header(local, header)}', functions '{Header(functions, header)}'");
        }
        var (localBody, functionsBody) = (WithoutTraceId(await local.Content.ReadAsStringAsync()), WithoutTraceId(await functions.Content.ReadAsStringAsync()));
        Assert.True(localBody == functionsBody, $"{path}: bodies differ\nlocal:     {localBody}\nfunctions: {functionsBody}");
    }

    // A problem's traceId names the request that got it: different for every request, whichever host answers.
    private static string WithoutTraceId(string body) =>
        System.Text.RegularExpressions.Regex.Replace(body, "\"traceId\":\"[^\"]*\"", "\"traceId\":\"\"");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
