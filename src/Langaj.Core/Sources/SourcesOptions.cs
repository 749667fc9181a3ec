namespace Langaj.Core.Sources;

/// <summary>Where the sources come from (configuration section <c>Sources</c>).</summary>
public sealed class SourcesOptions
{
    public const string SectionName = "Sources";

    /// <summary>The sources file read when <see cref="File"/> is not set, if it exists (sources may all live in storage).</summary>
    public const string DefaultFile = "sources.json";

    /// <summary><c>Sources:File</c>: path of the sources file, relative to the content root unless absolute; required to exist when set.</summary>
    public string? File { get; set; }

    /// <summary><c>Sources:DefaultSchedule</c>: schedule of a source that sets none: every 15 minutes.</summary>
    public string DefaultSchedule { get; set; } = "*/15 * * * *";

    /// <summary><c>Sources:RevalidateAfter</c>: how long an instance uses its copy of the stored sources before reading them again (another instance may have changed them).</summary>
    public TimeSpan RevalidateAfter { get; set; } = TimeSpan.FromSeconds(10);
}
