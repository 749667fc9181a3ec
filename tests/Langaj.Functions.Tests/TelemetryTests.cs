using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Langaj.Testing.Hosts;
using Langaj.Testing.Hosts.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Langaj.Functions.Tests;

/// <summary>
/// The worker sends its traces and metrics to Application Insights: here to a loopback stand-in for the
/// ingestion endpoint the connection string names (Breeze: <c>POST /v2.1/track</c>, gzip'd JSON lines).
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task With_a_connection_string_the_worker_sends_its_log_lines_the_scrape_source_span_and_the_article_counter_to_its_ingestion_endpoint()
    {
        await using var ingestion = await IngestionEndpoint.StartAsync();
        var hosts = await BothHosts.StartAsync(azurite, workerSettings: new Dictionary<string, string>
        {
            ["APPLICATIONINSIGHTS_CONNECTION_STRING"] =
                $"InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint={ingestion.BaseUri};LiveEndpoint={ingestion.BaseUri}",
            ["APPLICATIONINSIGHTS_STATSBEAT_DISABLED"] = "true",
            ["Logging:LogLevel:Langaj"] = "Information",
        });
        try
        {
            // The host relays no log of a worker that says it exports its own (host.json's telemetryMode).
            Assert.Equal("True", hosts.Functions.WorkerCapabilities.GetValueOrDefault("WorkerOpenTelemetryEnabled"));
            Assert.Equal(StatusResult.Types.Status.Success, (await hosts.Functions.FireTimerAsync("EnqueueDueSources")).Status);
            Assert.Equal(StatusResult.Types.Status.Success, Assert.Single(await hosts.Functions.DrainQueueAsync("ScrapeQueuedSource", hosts.Storage.ConnectionString)).Status);
        }
        finally
        {
            // A worker told to stop flushes what its exporters still hold (metrics are otherwise sent once a minute).
            await hosts.DisposeAsync();
        }

        var envelopes = ingestion.Envelopes;
        var spans = envelopes.Where(e => e.GetProperty("data").GetProperty("baseType").GetString() is "RequestData" or "RemoteDependencyData")
            .Select(e => e.GetProperty("data").GetProperty("baseData"))
            .ToList();
        var scrapeSource = spans.Where(s => s.GetProperty("name").GetString() == "scrape source").ToList();
        Assert.True(scrapeSource.Count == 1, $"one 'scrape source' span expected, got {scrapeSource.Count}; spans: {string.Join(", ", spans.Select(s => s.GetProperty("name").GetString()))}");
        Assert.Equal("demo", scrapeSource[0].GetProperty("properties").GetProperty(Core.LangajTelemetry.SourceIdTag).GetString());

        var metrics = envelopes.Where(e => e.GetProperty("data").GetProperty("baseType").GetString() == "MetricData")
            .SelectMany(e => e.GetProperty("data").GetProperty("baseData").GetProperty("metrics").EnumerateArray())
            .Select(m => m.GetProperty("name").GetString())
            .ToHashSet();
        Assert.Contains("langaj.articles.new", metrics);
        Assert.Contains("langaj.fetch.duration", metrics);

        var messages = envelopes.Where(e => e.GetProperty("data").GetProperty("baseType").GetString() == "MessageData")
            .Select(e => e.GetProperty("data").GetProperty("baseData").GetProperty("message").GetString())
            .ToList();
        Assert.Contains("Queued 1 sources for scraping", messages);
    }

    [Fact]
    public async Task An_authentication_string_that_is_not_Entra_stops_the_worker_at_start_saying_what_to_set()
    {
        var settings = BothHosts.WorkerAloneSettings(azurite.Emulator);
        settings["APPLICATIONINSIGHTS_CONNECTION_STRING"] = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=http://127.0.0.1:9/";
        settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"] = "Authorization=Key";

        var refused = await BothHosts.RefusedStartAsync(settings);

        Assert.Contains("APPLICATIONINSIGHTS_AUTHENTICATION_STRING is 'Authorization=Key': expected 'Authorization=AAD'", refused, StringComparison.Ordinal);
    }

    /// <summary>Accepts every envelope posted to <c>/v2.1/track</c> and keeps it.</summary>
    private sealed class IngestionEndpoint : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly ConcurrentQueue<JsonElement> _envelopes = new();

        private IngestionEndpoint(WebApplication app) => _app = app;

        public Uri BaseUri => new(_app.Urls.First() + "/");

        public IReadOnlyList<JsonElement> Envelopes => [.. _envelopes];

        public static async Task<IngestionEndpoint> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var endpoint = new IngestionEndpoint(app);
            app.MapPost("/v2.1/track", endpoint.TrackAsync);
            await app.StartAsync();
            return endpoint;
        }

        private async Task<IResult> TrackAsync(HttpRequest request)
        {
            var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            using var reader = new StreamReader(body);
            var count = 0;
            while (await reader.ReadLineAsync() is { } line)
            {
                if (line.Length > 0)
                {
                    _envelopes.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
                    count++;
                }
            }
            return Results.Json(new { itemsReceived = count, itemsAccepted = count, errors = Array.Empty<object>() });
        }

        public async ValueTask DisposeAsync()
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
