using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Scraping;

/// <summary>Limits of one scrape (configuration section <c>Scrape</c>).</summary>
public sealed class ScrapeOptions : IValidatableObject
{
    public const string SectionName = "Scrape";

    /// <summary>At most this many discovered links are looked at per source and run.</summary>
    public int MaxArticlesPerRun { get; set; } = 200;

    /// <summary>Articles of one source fetched and cleaned at once (per-host politeness still applies).</summary>
    public int ArticleConcurrency { get; set; } = 4;

    /// <summary>
    /// How often the local host's scheduler looks for due sources. Schedules fire to the minute: a tick under a
    /// second only costs, one over an hour delays a due source by as much.
    /// </summary>
    public TimeSpan SchedulerTick { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>What is wrong, a line per setting naming its key; <see cref="ScrapeOptionsValidator"/> runs this.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        SettingRules.Failures(
            SettingRules.AtLeast("Scrape:MaxArticlesPerRun", MaxArticlesPerRun, 1),
            SettingRules.AtLeast("Scrape:ArticleConcurrency", ArticleConcurrency, 1),
            SettingRules.Within("Scrape:SchedulerTick", SchedulerTick, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1)));
}

/// <summary>Checks <see cref="ScrapeOptions"/> when the host starts (generated).</summary>
[OptionsValidator]
internal sealed partial class ScrapeOptionsValidator : IValidateOptions<ScrapeOptions>;
