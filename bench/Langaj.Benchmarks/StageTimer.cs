using System.Diagnostics;
using System.Globalization;
using Langaj.Core.Extraction;

namespace Langaj.Benchmarks;

/// <summary>Where the time of a warm devset pass goes, step by step, running the extractor's steps as it does.</summary>
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

    private static Dictionary<string, double> Pass(List<DevCase> pages)
    {
        var totals = new Dictionary<string, double>();
        var clock = new Stopwatch();
        void Lap(string stage)
        {
            totals[stage] = totals.GetValueOrDefault(stage) + clock.Elapsed.TotalMilliseconds;
            clock.Restart();
        }

        foreach (var page in pages)
        {
            clock.Restart();
            var document = PageDecoder.Parse(page.Html, null);
            Lap("parse");
            PageGate.Refusal(document);
            Lap("gate");
            var metadata = MetadataReader.Read(document, page.Url);
            Lap("metadata");
            if (document.Body is not { } body)
            {
                continue;
            }

            var named = Pruner.Prune(body);
            Lap("prune");
            var measured = ContentFinder.Measure(body);
            var unlikely = measured.Discount(named);
            if (measured.Best() is not { } best)
            {
                continue;
            }

            Lap("find");
            var chosen = best.Element;
            ContentFinder.Measure(chosen, unlikely).Trim(metadata.Title, metadata.SiteName, unlikely);
            Tail.Trim(chosen);
            Lap("trim");
            PlainText.Render(chosen);
            Lap("text");
            Images.Resolve(chosen, page.Url);
            Paragraphs.Wrap(chosen);
            ArticleSanitizer.Sanitize(chosen, page.Url);
            Lap("sanitize");
        }

        return totals;
    }
}
