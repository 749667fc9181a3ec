namespace Langaj.Core.Scraping;

/// <summary>Limits of one scrape (configuration section <c>Scrape</c>).</summary>
public sealed class ScrapeOptions
{
    public const string SectionName = "Scrape";

    /// <summary>At most this many discovered links are looked at per source and run.</summary>
    public int MaxArticlesPerRun { get; set; } = 200;

    /// <summary>Articles of one source fetched and cleaned at once (per-host politeness still applies).</summary>
    public int ArticleConcurrency { get; set; } = 4;

    /// <summary>How often the local host's scheduler looks for due sources.</summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMinutes(1);
}
