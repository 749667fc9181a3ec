using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Scraping;

/// <summary>Limits of one scrape (configuration section <c>Scrape</c>).</summary>
public sealed class ScrapeOptions
{
    public const string SectionName = "Scrape";

    /// <summary>At most this many discovered links are looked at per source and run.</summary>
    [Range(1, int.MaxValue)]
    public int MaxArticlesPerRun { get; set; } = 200;

    /// <summary>Articles of one source fetched and cleaned at once (per-host politeness still applies).</summary>
    [Range(1, int.MaxValue)]
    public int ArticleConcurrency { get; set; } = 4;

    /// <summary>
    /// How often the local host's scheduler looks for due sources. Schedules fire to the minute: a tick under a
    /// second only costs, one over an hour delays a due source by as much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Checks <see cref="ScrapeOptions"/> when the host starts (generated from its annotations).</summary>
[OptionsValidator]
internal sealed partial class ScrapeOptionsValidator : IValidateOptions<ScrapeOptions>;
