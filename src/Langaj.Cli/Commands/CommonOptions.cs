using System.CommandLine;

namespace Langaj.Cli.Commands;

/// <summary>Options shared by the verbs that read sources.</summary>
internal static class CommonOptions
{
    public static Option<FileInfo?> Sources() => new("--sources")
    {
        Description = "The sources file (default: sources.json in the current folder, or the setting Sources:File).",
    };
}
