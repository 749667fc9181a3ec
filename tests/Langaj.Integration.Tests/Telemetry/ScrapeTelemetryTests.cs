using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Langaj.Core;
using Langaj.Integration.Tests.Faults;

namespace Langaj.Integration.Tests.Telemetry;

/// <summary>
/// What a scrape publishes under <see cref="LangajTelemetry.Name"/>, seen as any exporter sees it (an
/// <see cref="ActivityListener"/> and a <see cref="MeterListener"/>). Other tests scrape in the same process
/// at the same time, so only what names this test's source, or its site's port, is counted.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ScrapeTelemetryTests(AzuriteFixture azurite)
{
    private sealed record Measurement(string Instrument, double Value, IReadOnlyDictionary<string, object?> Tags)
    {
        public object? Tag(string name) => Tags.GetValueOrDefault(name);
    }

    [Fact]
    public async Task A_scrape_traces_the_run_and_its_source_and_counts_articles_fetches_and_feed_renders()
    {
        var id = "tele" + Guid.NewGuid().ToString("N")[..8];
        // Two good articles and one that keeps answering 500: two new, one failed.
        await using var site = await FaultSite.StartAsync([new FaultSource(id, Fault.None, [Fault.None, Fault.None, Fault.Always500])]);
        var port = site.FeedUrl(id).Port;

        var activities = new ConcurrentQueue<Activity>();
        using var activityListener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == LangajTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Enqueue,
        };
        ActivitySource.AddActivityListener(activityListener);
        var measurements = new ConcurrentQueue<Measurement>();
        using var meterListener = new MeterListener
        {
            InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == LangajTelemetry.Name)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            },
        };
        meterListener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue(new(instrument.Name, value, Tags(tags))));
        meterListener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue(new(instrument.Name, value, Tags(tags))));
        meterListener.Start();

        await using var host = await site.StartHostAsync(azurite, new() { ["Fetch:MaxRetries"] = "1" });
        var report = Assert.Single((await host.ScrapeAsync()).Sources);
        Assert.Equal((2, 0, 1), (report.New, report.Updated, report.Failed));

        var source = Assert.Single(activities, a => a.OperationName == "scrape source" && (string?)a.GetTagItem(LangajTelemetry.SourceIdTag) == id);
        var run = Assert.Single(activities, a => a.OperationName == "scrape run" && a.SpanId == source.ParentSpanId);
        Assert.Equal(run.TraceId, source.TraceId);
        Assert.Equal((2, 0, 1), ((int)source.GetTagItem("langaj.articles.new")!, (int)source.GetTagItem("langaj.articles.updated")!, (int)source.GetTagItem("langaj.articles.failed")!));

        double Sum(string instrument) => measurements.Where(m => m.Instrument == instrument && (string?)m.Tag(LangajTelemetry.SourceIdTag) == id).Sum(m => m.Value);
        Assert.Equal((2d, 0d, 1d), (Sum("langaj.articles.new"), Sum("langaj.articles.updated"), Sum("langaj.articles.failed")));

        var fetches = measurements.Where(m => m.Instrument == "langaj.fetch.duration" && m.Tag("server.port") is int p && p == port).ToList();
        Assert.All(fetches, f => Assert.True(f.Value > 0, $"a fetch took {f.Value} s"));
        // The feed and the two good articles; the failing article once, however many attempts it took.
        Assert.Equal(3, fetches.Count(f => (string?)f.Tag(LangajTelemetry.FetchOutcomeTag) == "ok"));
        Assert.Single(fetches, f => (string?)f.Tag(LangajTelemetry.FetchOutcomeTag) != "ok");

        // The source's new articles re-render its three feeds.
        var renders = measurements.Where(m => m.Instrument == "langaj.feed.renders" && (string?)m.Tag(LangajTelemetry.SourceIdTag) == id).ToList();
        Assert.Equal(["atom", "json", "rss"], renders.Select(r => (string)r.Tag(LangajTelemetry.FeedFormatTag)!).Distinct().Order(StringComparer.Ordinal));
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>();
        foreach (var (key, value) in tags)
        {
            copy[key] = value;
        }
        return copy;
    }
}
