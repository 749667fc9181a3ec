using Microsoft.Extensions.Logging;

namespace Langaj.Core.Feeds;

/// <summary>What feed publishing logs (events 400-499).</summary>
internal static partial class FeedLog
{
    /// <summary>The feeds are named by their keys, listed only when the line is written.</summary>
    public static void Refreshed(this ILogger logger, IEnumerable<FeedScope> feeds)
    {
        var keys = feeds.Select(s => s.Key);
        Refreshed(logger, keys);
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Information, Message = "Refreshed the first page of {Feeds} in every format, and the OPML list")]
    private static partial void Refreshed(ILogger logger, IEnumerable<string?> feeds);

    [LoggerMessage(EventId = 401, Level = LogLevel.Information, Message = "Another refresh published {Prefix} meanwhile; rendering it again")]
    public static partial void PublishedMeanwhile(this ILogger logger, string prefix);

    [LoggerMessage(EventId = 402, Level = LogLevel.Warning, Message = "Serving this instance's copy of {Blob}: revalidating it failed ({Status})")]
    public static partial void ServingOwnCopy(this ILogger logger, string blob, int status, Exception exception);

    /// <summary>A failure only means the first reader waits: one line at Warning, the exception with its stack at Debug.</summary>
    public static void WarmUpSkipped(this ILogger logger, Exception exception)
    {
        WarmUpSkippedLine(logger, exception.Message);
        WarmUpSkippedStack(logger, exception);
    }

    [LoggerMessage(EventId = 403, Level = LogLevel.Warning, Message = "Feed warm-up skipped: {Error}")]
    private static partial void WarmUpSkippedLine(ILogger logger, string error);

    [LoggerMessage(EventId = 404, Level = LogLevel.Debug, Message = "Feed warm-up skipped")]
    private static partial void WarmUpSkippedStack(ILogger logger, Exception exception);
}
