using Microsoft.Extensions.Logging;

namespace Langaj.Core.Scraping;

/// <summary>What scraping logs (events 500-599), discovery and reclean included.</summary>
internal static partial class ScrapeLog
{
    [LoggerMessage(EventId = 500, Level = LogLevel.Information, Message = "Queued {Count} sources for scraping")]
    public static partial void Queued(this ILogger logger, int count);

    [LoggerMessage(EventId = 501, Level = LogLevel.Error, Message = "Could not queue due sources; trying again at the next tick")]
    public static partial void QueueingFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 502, Level = LogLevel.Error, Message = "Scrape worker error; the message will be retried after its visibility timeout")]
    public static partial void WorkerFailed(this ILogger logger, Exception exception);

    [LoggerMessage(EventId = 503, Level = LogLevel.Error, Message = "Scrape request for {SourceId} failed {Count} times: moved to the poison queue")]
    public static partial void Poisoned(this ILogger logger, string sourceId, long count);

    [LoggerMessage(EventId = 504, Level = LogLevel.Debug, Message = "Scrape request for {SourceId} already served by a later run")]
    public static partial void AlreadyServed(this ILogger logger, string sourceId);

    [LoggerMessage(EventId = 505, Level = LogLevel.Warning, Message = "Scrape request for unknown source {SourceId} dropped")]
    public static partial void UnknownSourceDropped(this ILogger logger, string sourceId);

    [LoggerMessage(EventId = 506, Level = LogLevel.Information, Message = "Scraped {SourceId}: {New} new, {Updated} updated, {Failed} failed{Error}")]
    public static partial void Scraped(this ILogger logger, string sourceId, int @new, int updated, int failed, string error);

    [LoggerMessage(EventId = 507, Level = LogLevel.Error, Message = "Scrape of {SourceId} stopped: storage unavailable")]
    public static partial void StorageUnavailable(this ILogger logger, string sourceId, Exception exception);

    [LoggerMessage(EventId = 508, Level = LogLevel.Warning, Message = "Discovery of {SourceId} failed: {Error}")]
    public static partial void DiscoveryFailed(this ILogger logger, string sourceId, string error);

    [LoggerMessage(EventId = 509, Level = LogLevel.Warning, Message = "Discovery for source {SourceId} kept {Count} links from a broken document: {Problem}")]
    public static partial void BrokenDocument(this ILogger logger, string sourceId, int count, string problem);

    [LoggerMessage(EventId = 510, Level = LogLevel.Warning, Message = "Child sitemap {Url} of source {SourceId} skipped: {Reason}")]
    public static partial void ChildSitemapSkipped(this ILogger logger, Uri url, string sourceId, string reason);

    [LoggerMessage(EventId = 511, Level = LogLevel.Information, Message = "{Url} of {SourceId} is not an article: {Reason}")]
    public static partial void NotAnArticle(this ILogger logger, Uri url, string sourceId, string? reason);

    /// <summary>
    /// Mostly an expected failure (HTTP 404, DNS, robots.txt): one line at Warning for the operator; the
    /// exception with its stack at Debug, for the failure that is a bug.
    /// </summary>
    public static void ArticleFailed(this ILogger logger, Uri url, string sourceId, Exception exception)
    {
        ArticleFailedLine(logger, url, sourceId, exception.Message);
        ArticleFailedStack(logger, url, sourceId, exception);
    }

    [LoggerMessage(EventId = 512, Level = LogLevel.Warning, Message = "Article {Url} of {SourceId} failed: {Error}")]
    private static partial void ArticleFailedLine(ILogger logger, Uri url, string sourceId, string error);

    [LoggerMessage(EventId = 513, Level = LogLevel.Debug, Message = "Article {Url} of {SourceId} failed")]
    private static partial void ArticleFailedStack(ILogger logger, Uri url, string sourceId, Exception exception);

    [LoggerMessage(EventId = 514, Level = LogLevel.Information, Message = "Article {Id} of {SourceId} changed on reclean")]
    public static partial void Recleaned(this ILogger logger, string id, string sourceId);

    /// <summary>As <see cref="ArticleFailed"/>: one line at Warning, the exception with its stack at Debug.</summary>
    public static void RecleanFailed(this ILogger logger, string id, Exception exception)
    {
        RecleanFailedLine(logger, id, exception.Message);
        RecleanFailedStack(logger, id, exception);
    }

    [LoggerMessage(EventId = 515, Level = LogLevel.Warning, Message = "Reclean of article {Id} failed: {Error}")]
    private static partial void RecleanFailedLine(ILogger logger, string id, string error);

    [LoggerMessage(EventId = 516, Level = LogLevel.Debug, Message = "Reclean of article {Id} failed")]
    private static partial void RecleanFailedStack(ILogger logger, string id, Exception exception);
}
