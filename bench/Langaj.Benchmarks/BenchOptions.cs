namespace Langaj.Benchmarks;

internal sealed record BenchOptions(string DevSet, bool SmartReader, bool Baseline, bool Parallel, int Worst, bool QualityOnly, string? Dump)
{
    private const string DevSetFolder = "shared/extraction-devset";

    public static BenchOptions Parse(string[] args)
    {
        string? devSet = null;
        var smartReader = false;
        var baseline = false;
        var parallel = false;
        var worst = 0;
        var qualityOnly = false;
        string? dump = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--devset":
                    devSet = args[++i];
                    break;
                case "--smartreader":
                    smartReader = true;
                    break;
                case "--baseline":
                    baseline = true;
                    break;
                case "--parallel":
                    parallel = true;
                    break;
                case "--quality":
                    qualityOnly = true;
                    break;
                case "--dump":
                    dump = args[++i];
                    break;
                case "--worst":
                    worst = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
                case { } value when value.StartsWith("--", StringComparison.Ordinal):
                    throw new ArgumentException($"unknown option {value}");
            }
        }

        return new BenchOptions(devSet ?? DefaultDevSet(), smartReader, baseline, parallel, worst, qualityOnly, dump);
    }

    /// <summary>`../shared/extraction-devset` from the repository root; from a worktree nested deeper, the nearest ancestor that has it.</summary>
    private static string DefaultDevSet()
    {
        for (var directory = new DirectoryInfo(Directory.GetCurrentDirectory()); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, DevSetFolder);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"no {DevSetFolder} above {Directory.GetCurrentDirectory()}: pass --devset DIR");
    }
}
