using System.Diagnostics;
using System.Globalization;
using Langaj.Core.Extraction;

namespace Langaj.Benchmarks;

/// <summary>Where the time of a warm devset pass goes, stage by stage, as the extractor itself reports its stages.</summary>
internal static class StageTimer
{
    public static int Run(List<DevCase> pages)
    {
        Pass(pages);
        foreach (var (stage, milliseconds) in Pass(pages))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage,-12} {milliseconds,8:F0} ms"));
        }

        return 0;
    }

    private static Dictionary<ExtractionStage, double> Pass(List<DevCase> pages)
    {
        var extractor = new ArticleExtractor();
        var totals = Enum.GetValues<ExtractionStage>().ToDictionary(s => s, _ => 0.0);
        var clock = new Stopwatch();
        foreach (var page in pages)
        {
            clock.Restart();
            extractor.Extract(page.Html, null, page.Url, ExtractionRules.None, (stage, _) =>
            {
                totals[stage] += clock.Elapsed.TotalMilliseconds;
                clock.Restart();
            });
        }

        return totals;
    }
}
