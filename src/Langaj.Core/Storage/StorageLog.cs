using Microsoft.Extensions.Logging;

namespace Langaj.Core.Storage;

/// <summary>
/// What storage logs (events 200-299). Storage refusing or unreachable is expected: one line at Warning for
/// the operator, the exception with its stack at Debug.
/// </summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Storage ready: containers, tables and queues exist")]
    public static partial void StorageReady(this ILogger logger);

    public static void StorageNotReady(this ILogger logger, string? cause, TimeSpan retry, Exception exception)
    {
        StorageNotReadyLine(logger, cause, retry);
        StorageNotReadyStack(logger, exception);
    }

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "{Cause}; next attempt in {Retry}")]
    private static partial void StorageNotReadyLine(ILogger logger, string? cause, TimeSpan retry);

    [LoggerMessage(EventId = 202, Level = LogLevel.Debug, Message = "Storage is not ready")]
    private static partial void StorageNotReadyStack(ILogger logger, Exception exception);

    public static void LeaseNotReleased(this ILogger logger, string sourceId, Exception exception)
    {
        LeaseNotReleasedLine(logger, sourceId, exception.Message.Split('\n')[0]);
        LeaseNotReleasedStack(logger, sourceId, exception);
    }

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Could not release the lease on source {SourceId}: {Error}")]
    private static partial void LeaseNotReleasedLine(ILogger logger, string sourceId, string error);

    [LoggerMessage(EventId = 204, Level = LogLevel.Debug, Message = "Could not release the lease on source {SourceId}")]
    private static partial void LeaseNotReleasedStack(ILogger logger, string sourceId, Exception exception);

    [LoggerMessage(EventId = 205, Level = LogLevel.Error, Message = "Lost the lease on source {SourceId}: another instance may scrape it at the same time")]
    public static partial void LeaseLost(this ILogger logger, string sourceId, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Warning, Message = "Could not renew the lease on source {SourceId}; trying again")]
    public static partial void LeaseNotRenewed(this ILogger logger, string sourceId, Exception exception);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Could not clean up after saving article {Id}; the next save of it will")]
    public static partial void CleanUpFailed(this ILogger logger, string id, Exception exception);
}
