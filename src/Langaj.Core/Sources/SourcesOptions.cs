namespace Langaj.Core.Sources;

/// <summary>Where the sources come from (configuration section <c>Langaj</c>).</summary>
public sealed class SourcesOptions
{
    /// <summary>Path of the sources file, relative to the content root unless absolute.</summary>
    public string Sources { get; set; } = "sources.json";

    /// <summary>Schedule of a source that sets none: every 15 minutes.</summary>
    public string DefaultSchedule { get; set; } = "*/15 * * * *";

    /// <summary>How long an instance uses its copy of the stored sources before reading them again (another instance may have changed them).</summary>
    public TimeSpan SourcesRevalidateAfter { get; set; } = TimeSpan.FromSeconds(10);
}
