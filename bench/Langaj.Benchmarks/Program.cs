using Langaj.Benchmarks;

// Measurements, not tests: `extraction` scores Langaj (and SmartReader, and the all-body-text baseline) on the
// development set; `memory` times one extraction of a ~5 MB page and counts what it allocates.
var verb = args.Length > 0 ? args[0] : "extraction";
var options = BenchOptions.Parse(args.Skip(1).ToArray());
return verb switch
{
    "extraction" => ExtractionBench.Run(options),
    "memory" => MemoryBench.Run(),
    "show" => ExtractionBench.Show(options, args.Skip(1).Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: extraction [--devset DIR] [--smartreader] [--baseline] [--parallel] [--worst N] | memory | show ID... [--devset DIR]");
    return 2;
}
