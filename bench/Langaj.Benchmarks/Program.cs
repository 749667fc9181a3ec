using Langaj.Benchmarks;

// Measurements, not tests: `extraction` scores Langaj (and SmartReader, and the all-body-text baseline) on the
// development set; `memory` times one extraction of a ~5 MB page and counts what it allocates; `stages` splits
// the time of a devset pass by extraction step; `losses` tells at which step missed segments are lost; `show`
// prints what is extracted from given cases; `digest` hashes every page's extracted article, to show a speed change alters no output; `phrases` counts the pages each vocabulary phrase matches in each half; `split` rewrites the committed dev/validation list (run from the repository root).
var verb = args.Length > 0 ? args[0] : "extraction";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
return verb switch
{
    "extraction" => ExtractionBench.Run(options),
    "memory" => MemoryBench.Run(),
    "stages" => StageTimer.Run(DevSet.Load(options.DevSet)),
    "losses" => LossReport.Run(DevSet.Load(options.DevSet), options.Worst),
    "phrases" => PhraseCounts.Run(DevSet.Load(options.DevSet)),
    "split" => DevSplit.Write(DevSet.Urls(options.DevSet), Path.Combine("bench", "Langaj.Benchmarks", "devset-split.tsv")),
    "digest" => ExtractionBench.Digest(options),
    "show" => ExtractionBench.Show(options, args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: extraction [--devset DIR] [--smartreader] [--baseline] [--parallel] [--quality] [--worst N] | phrases | split | memory | stages [--devset DIR] | losses [--worst N] | show ID... [--devset DIR] | digest [--devset DIR] [--dump DIR]");
    return 2;
}
