using System.Globalization;
using System.Text;
using AngleSharp.Html.Parser;
using Langaj.Core.Extraction;

namespace Langaj.Benchmarks;

/// <summary>
/// Where the kept segments that Langaj misses are lost: not in the page's text at all, dropped by the first
/// cleaning, outside the chosen container, or trimmed inside it. Tells which step to work on.
/// </summary>
internal static class LossReport
{
    public static int Run(List<DevCase> pages, int examples)
    {
        var losses = new Dictionary<string, List<string>>();
        var leaks = new Dictionary<string, List<string>>();
        var extractor = new ArticleExtractor();
        var parser = new HtmlParser();
        foreach (var page in pages)
        {
            // What the page's text was after the prune, and what the chosen body held before its trim.
            string? pruned = null, selected = null;
            var final = extractor.Extract(page.Html, null, page.Url, ExtractionRules.None, (stage, tree) =>
            {
                if (stage == ExtractionStage.Prune)
                {
                    pruned = PlainText.Render(tree!, figures: true);
                }
                else if (stage == ExtractionStage.Locate)
                {
                    selected = PlainText.Render(tree!, figures: true);
                }
            }).Article?.Body.Text ?? "";
            ClassifyLeaks(page, final, leaks);
            var missed = page.With.Where(w => !Contains(final, w)).ToList();
            if (missed.Count == 0)
            {
                continue;
            }

            var raw = parser.ParseDocument(Encoding.UTF8.GetString(page.Html));
            var all = raw.Body is null ? "" : PlainText.Render(raw.Body, figures: true);
            foreach (var segment in missed)
            {
                var stage = !Contains(all, segment) ? "absent from the page"
                    : pruned is null || !Contains(pruned, segment) ? "dropped by the pruner"
                    : selected is null ? "no container (not an article)"
                    : !Contains(selected, segment) ? "outside the container"
                    : "trimmed inside the container";
                if (!losses.TryGetValue(stage, out var list))
                {
                    losses[stage] = list = [];
                }

                list.Add($"{page.Id} {segment}");
            }
        }

        Print("missed", losses, examples);
        Print("leaked", leaks, examples);
        return 0;
    }

    /// <summary>Where each leaked segment sits against the kept segments found: a head or tail to trim, or noise inside the body.</summary>
    private static void ClassifyLeaks(DevCase page, string final, Dictionary<string, List<string>> leaks)
    {
        var folded = Score.Fold(final);
        var kept = page.With.Select(w => folded.IndexOf(Score.Fold(w), StringComparison.Ordinal)).Where(at => at >= 0).ToList();
        foreach (var segment in page.Without)
        {
            var at = folded.IndexOf(Score.Fold(segment), StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            var place = kept.Count == 0 ? "no kept segment found"
                : at < kept.Min() ? "before the kept text"
                : at > kept.Max() ? "after the kept text"
                : "among the kept text";
            if (!leaks.TryGetValue(place, out var list))
            {
                leaks[place] = list = [];
            }

            list.Add($"{page.Id} {segment}");
        }
    }

    private static void Print(string heading, Dictionary<string, List<string>> groups, int examples)
    {
        Console.WriteLine($"{heading}: {groups.Sum(g => g.Value.Count)}");
        foreach (var (stage, list) in groups.OrderByDescending(l => l.Value.Count))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {stage}: {list.Count}"));
            foreach (var example in list.Take(examples))
            {
                Console.WriteLine($"      {example}");
            }
        }
    }

    private static bool Contains(string text, string segment) => Score.Fold(text).Contains(Score.Fold(segment), StringComparison.Ordinal);
}
