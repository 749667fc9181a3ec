using Cronos;
using Langaj.Core.Sources;

namespace Langaj.Core.Scraping;

/// <summary>When a source is due: its cron schedule (UTC) has fired since it was last started.</summary>
public static class SourceSchedule
{
    public static bool IsDue(SourceDefinition source, string defaultSchedule, DateTimeOffset? lastStarted, DateTimeOffset now)
    {
        if (lastStarted is null)
        {
            return true;
        }
        var cron = CronExpression.Parse(source.Schedule ?? defaultSchedule);
        var next = cron.GetNextOccurrence(lastStarted.Value.UtcDateTime, TimeZoneInfo.Utc);
        return next is not null && next.Value <= now.UtcDateTime;
    }
}
