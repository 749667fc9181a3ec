using Microsoft.Extensions.Logging;

namespace Langaj.Core.Fetching;

/// <summary>What fetching logs (events 100-199).</summary>
internal static partial class FetchLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Retrying {Url} in {Delay} ms (attempt {Attempt} of {Max}): {Cause}")]
    public static partial void Retrying(this ILogger logger, Uri? url, int delay, int attempt, int max, string? cause);

    [LoggerMessage(EventId = 101, Level = LogLevel.Debug, Message = "GET {Url} answered {Status} from {FinalUrl}")]
    public static partial void Answered(this ILogger logger, Uri url, int status, Uri finalUrl);

    [LoggerMessage(EventId = 102, Level = LogLevel.Debug, Message = "robots.txt at {RobotsUrl} answered {Status}; treating the site as disallowed for now")]
    public static partial void RobotsFailed(this ILogger logger, Uri robotsUrl, int status);

    [LoggerMessage(EventId = 103, Level = LogLevel.Debug, Message = "robots.txt at {RobotsUrl} is unreachable; treating the site as disallowed for now: {Error}")]
    public static partial void RobotsUnreachable(this ILogger logger, Uri robotsUrl, string error, Exception exception);
}
