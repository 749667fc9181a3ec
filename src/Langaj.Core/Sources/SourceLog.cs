using Microsoft.Extensions.Logging;

namespace Langaj.Core.Sources;

/// <summary>What the source catalog logs (events 300-399).</summary>
internal static partial class SourceLog
{
    /// <summary>Storage unreachable is expected: one line at Warning, the exception with its stack at Debug.</summary>
    public static void SourcesUnreadable(this ILogger logger, Exception exception)
    {
        SourcesUnreadableLine(logger, exception.Message.Split('\n')[0]);
        SourcesUnreadableStack(logger, exception);
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Warning, Message = "Could not read the sources ({Error}); using the copy read before")]
    private static partial void SourcesUnreadableLine(ILogger logger, string error);

    [LoggerMessage(EventId = 301, Level = LogLevel.Debug, Message = "Could not read the sources")]
    private static partial void SourcesUnreadableStack(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 302, Level = LogLevel.Error, Message = "Stored source {SourceId} is no longer valid and is skipped: {Error}")]
    public static partial void StoredSourceInvalid(this ILogger logger, string sourceId, string error);
}
