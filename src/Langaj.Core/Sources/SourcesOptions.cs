using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Sources;

/// <summary>Where the sources come from (configuration section <c>Sources</c>).</summary>
public sealed class SourcesOptions : IValidatableObject
{
    public const string SectionName = "Sources";

    /// <summary>The sources file read when <see cref="File"/> is not set, if it exists (sources may all live in storage).</summary>
    public const string DefaultFile = "sources.json";

    /// <summary><c>Sources:File</c>: path of the sources file, relative to the content root unless absolute; required to exist when set.</summary>
    public string? File { get; set; }

    /// <summary><c>Sources:DefaultSchedule</c>: schedule of a source that sets none: every 15 minutes.</summary>
    public string DefaultSchedule { get; set; } = "*/15 * * * *";

    /// <summary>
    /// <c>Sources:RevalidateAfter</c>: how long an instance uses its copy of the stored sources before reading them again
    /// (another instance may have changed them). Not negative; no upper bound (<see cref="TimeSpan.MaxValue"/>: never).
    /// </summary>
    public TimeSpan RevalidateAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>What is wrong, a line per setting naming its key; <see cref="SourcesOptionsValidator"/> runs this.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        SettingRules.Failures(
            // The schedule a sources file's entry may give, checked as the file checks it.
            SettingRules.Set("Sources:DefaultSchedule", DefaultSchedule)
                ?? (SourcesFile.ScheduleProblem(DefaultSchedule) is { } problem ? new ValidationResult($"Sources:DefaultSchedule: {problem}") : null),
            SettingRules.AtLeast("Sources:RevalidateAfter", RevalidateAfter, TimeSpan.Zero));
}

/// <summary>Checks <see cref="SourcesOptions"/> when the host starts (generated).</summary>
[OptionsValidator]
internal sealed partial class SourcesOptionsValidator : IValidateOptions<SourcesOptions>;
