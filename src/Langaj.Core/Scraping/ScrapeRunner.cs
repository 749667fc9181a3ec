using System.Collections.Concurrent;
using Azure;
using Langaj.Core.Extraction;
using Langaj.Core.Feeds;
using Langaj.Core.Fetching;
using Langaj.Core.Scraping.Discovery;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Scraping;

/// <summary>
/// Runs the scrape, and says in what order: for a source, discover links; for each new or changed
/// article, fetch, extract (clean and sanitize last), store; then refresh the feeds it changed.
/// One source is scraped by one instance at a time (a lease); a failing source keeps its last good articles.
/// </summary>
public sealed class ScrapeRunner(
    SourceCatalog catalog,
    ArticleDiscovery discovery,
    PageFetcher fetcher,
    ArticleExtractor extractor,
    ArticleStore store,
    SourceStateStore states,
    SourceLeases leases,
    FeedService feeds,
    IOptions<ScrapeOptions> options,
    IOptions<SourcesOptions> sourcesOptions,
    TimeProvider time,
    ILogger<ScrapeRunner> logger)
{
    /// <summary>The sources a full pass scrapes: every source not paused, as last read.</summary>
    public IReadOnlyList<SourceDefinition> Sources => [.. catalog.Sources.Where(s => !s.Paused)];

    /// <summary>One pass over every source not paused.</summary>
    public async Task<ScrapeReport> RunAllAsync(IProgress<SourceReport>? progress, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        return await RunManyAsync(Sources, progress, cancellationToken);
    }

    /// <summary>One pass over one source now, paused or not; null for an unknown id.</summary>
    public async Task<SourceReport?> RunSourceAsync(string sourceId, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        return catalog.Find(sourceId) is { } source ? await RunAsync(source, cancellationToken) : null;
    }

    /// <summary>The sources whose cron schedule has fired since they were last started.</summary>
    public async Task<IReadOnlyList<SourceDefinition>> DueSourcesAsync(CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        var lastStarted = (await states.ListAsync(cancellationToken)).ToDictionary(s => s.SourceId, s => s.LastRunStarted);
        var now = time.GetUtcNow();
        return [.. Sources.Where(s => SourceSchedule.IsDue(s, sourcesOptions.Value.DefaultSchedule, lastStarted.GetValueOrDefault(s.Id), now))];
    }

    private async Task<ScrapeReport> RunManyAsync(IReadOnlyList<SourceDefinition> sources, IProgress<SourceReport>? progress, CancellationToken cancellationToken)
    {
        using var run = LangajTelemetry.ActivitySource.StartActivity("scrape run");
        run?.SetTag("langaj.sources", sources.Count);
        var reports = new SourceReport[sources.Count];
        // Sources are independent sites: run a few at once; per-host politeness is the fetcher's job.
        await Parallel.ForEachAsync(Enumerable.Range(0, sources.Count), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                reports[i] = await RunAsync(sources[i], ct);
                progress?.Report(reports[i]);
            });
        return new ScrapeReport(reports);
    }

    private async Task<SourceReport> RunAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        using var activity = LangajTelemetry.ActivitySource.StartActivity("scrape source");
        activity?.SetTag(LangajTelemetry.SourceIdTag, source.Id);
        var report = new SourceReport(source.Id);
        try
        {
            await using var lease = await leases.TryAcquireAsync(source.Id, cancellationToken);
            if (lease is null)
            {
                report.AlreadyRunning = true;
                return report;
            }

            var started = time.GetUtcNow();
            var (validators, failedLinks) = await RunLeasedAsync(source, report, cancellationToken);
            await states.RecordRunAsync(report.ToRun(started, time.GetUtcNow()), validators, failedLinks, cancellationToken);
        }
        catch (RequestFailedException e)
        {
            report.Error = $"storage unavailable: {StorageFailure.Describe(e)}";
            report.StorageUnavailable = true;
            logger.StorageUnavailable(source.Id, e);
        }
        LangajTelemetry.RecordRun(activity, report);
        return report;
    }

    /// <summary>
    /// Returns the discovery validators to keep and the links to retry next run (null: keep the stored ones).
    /// Validators are kept even when articles fail: only the failed links are tried again, not the whole source.
    /// </summary>
    private async Task<(ConditionalRequest? Validators, IReadOnlyCollection<Uri>? FailedLinks)> RunLeasedAsync(SourceDefinition source, SourceReport report, CancellationToken cancellationToken)
    {
        var state = await states.GetAsync(source.Id, cancellationToken);
        DiscoveryResult found;
        try
        {
            found = await discovery.DiscoverAsync(source, state?.DiscoveryValidators, cancellationToken);
        }
        catch (Exception e) when (e is FetchException or DiscoveryException)
        {
            report.Error = e.Message;
            logger.DiscoveryFailed(source.Id, e.Message);
            return (state?.DiscoveryValidators, null);
        }

        // Links that failed last time come again, whether or not the discovery document changed.
        List<DiscoveredLink> discovered = found.NotModified ? [] : found.Links.Take(options.Value.MaxArticlesPerRun).ToList();
        var retried = (state?.FailedLinks ?? []).Where(url => !discovered.Any(l => l.Url == url)).Select(url => new DiscoveredLink(url, null, null));
        var links = discovered.Concat(retried).ToList();
        var failedLinks = new ConcurrentBag<Uri>();
        report.Found = links.Count;
        var changed = new ConcurrentBag<Article>();
        var rules = source.ExtractionRules();
        await Parallel.ForEachAsync(links, new ParallelOptions { MaxDegreeOfParallelism = options.Value.ArticleConcurrency, CancellationToken = cancellationToken },
            async (link, ct) =>
            {
                try
                {
                    var (outcome, article) = await ProcessAsync(source, rules, link, report, ct);
                    Count(report, outcome);
                    if (article is not null && outcome is LinkOutcome.New or LinkOutcome.Updated)
                    {
                        changed.Add(article);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    lock (report)
                    {
                        report.Failed++;
                    }
                    report.AddProblem(link.Url, e.Message);
                    failedLinks.Add(link.Url);
                    logger.ArticleFailed(link.Url, source.Id, e);
                }
            });

        if (!changed.IsEmpty)
        {
            await feeds.RefreshAsync([source.Id], [.. changed.Select(a => a.Metadata.Category).OfType<string>().Distinct()], cancellationToken);
        }
        if (links.Count > 0 && report.Failed == links.Count)
        {
            report.Error = $"all {links.Count} articles failed; see the log";
        }
        return (found.Validators, failedLinks);
    }

    private async Task<(LinkOutcome Outcome, Article? Article)> ProcessAsync(
        SourceDefinition source, ExtractionRules rules, DiscoveredLink link, SourceReport report, CancellationToken cancellationToken)
    {
        var known = await store.FindAsync(ArticleId.For(link.Url), cancellationToken);
        // Known articles are fetched again only when discovery says they changed since Langaj last changed them.
        if (known is not null && (link.Updated is null || link.Updated <= known.Updated))
        {
            return (LinkOutcome.Unchanged, null);
        }

        var page = await fetcher.FetchAsync(new FetchRequest(link.Url, source.AllowPrivateAddresses), cancellationToken);
        var result = await extractor.ExtractAsync(page.Body, page.ContentType, page.FinalUrl, rules, cancellationToken);
        if (result.Article is null)
        {
            logger.NotAnArticle(link.Url, source.Id, result.NoArticleReason);
            report.AddProblem(link.Url, result.NoArticleReason ?? "not an article");
            return (LinkOutcome.NotArticle, null);
        }

        var now = time.GetUtcNow();
        var article = ArticleBuilder.Build(link.Url, source, result.Article, now);
        var saved = await store.SaveAsync(article, new RawPage(page.Body, page.ContentType, page.FinalUrl, now), cancellationToken);
        return (saved switch
        {
            SaveOutcome.New => LinkOutcome.New,
            SaveOutcome.Updated => LinkOutcome.Updated,
            _ => LinkOutcome.Unchanged,
        }, article);
    }

    private static void Count(SourceReport report, LinkOutcome outcome)
    {
        lock (report)
        {
            switch (outcome)
            {
                case LinkOutcome.New: report.New++; break;
                case LinkOutcome.Updated: report.Updated++; break;
                case LinkOutcome.Unchanged: report.Unchanged++; break;
                case LinkOutcome.NotArticle: report.NotArticles++; break;
            }
        }
    }

    private enum LinkOutcome { New, Updated, Unchanged, NotArticle }
}
