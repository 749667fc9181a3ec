using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Langaj.Core;

/// <summary>
/// Langaj's own traces and metrics, under one name a host subscribes to (<see cref="Name"/>): an activity per
/// scrape run and per source scraped; counters of articles new, updated and failed, and of feed renders; a
/// histogram of fetch latency. System.Diagnostics only: which exporter sends them is the host's choice.
/// </summary>
public static class LangajTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> and <see cref="Meter"/> name, for <c>AddSource</c> and <c>AddMeter</c>.</summary>
    public const string Name = "Langaj";

    public const string SourceIdTag = "langaj.source.id";
    public const string FeedFormatTag = "langaj.feed.format";
    public const string FetchOutcomeTag = "langaj.fetch.outcome";

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> ArticlesNew = Meter.CreateCounter<long>("langaj.articles.new", "{article}", "Articles stored for the first time.");
    public static readonly Counter<long> ArticlesUpdated = Meter.CreateCounter<long>("langaj.articles.updated", "{article}", "Stored articles whose content changed.");
    public static readonly Counter<long> ArticlesFailed = Meter.CreateCounter<long>("langaj.articles.failed", "{article}", "Articles that could not be fetched or stored (retried next run).");
    public static readonly Counter<long> FeedRenders = Meter.CreateCounter<long>("langaj.feed.renders", "{render}", "Feed documents rendered (pre-rendered on change, or on demand).");

    /// <summary>Per page, from the request to the last byte, retries and the per-host delay included; tagged with the host and the outcome.</summary>
    public static readonly Histogram<double> FetchDuration = Meter.CreateHistogram<double>("langaj.fetch.duration", "s", "How long fetching one page took.");

    /// <summary>Adds what one source's run did to the article counters and to its activity.</summary>
    internal static void RecordRun(Activity? activity, Scraping.SourceReport report)
    {
        var source = new KeyValuePair<string, object?>(SourceIdTag, report.SourceId);
        ArticlesNew.Add(report.New, source);
        ArticlesUpdated.Add(report.Updated, source);
        ArticlesFailed.Add(report.Failed, source);
        activity?.SetTag("langaj.articles.found", report.Found)
            .SetTag("langaj.articles.new", report.New)
            .SetTag("langaj.articles.updated", report.Updated)
            .SetTag("langaj.articles.failed", report.Failed);
        if (report.Error is not null)
        {
            activity?.SetStatus(ActivityStatusCode.Error, report.Error);
        }
    }
}
