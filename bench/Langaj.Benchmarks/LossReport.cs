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
        var extractor = new ArticleExtractor();
        var parser = new HtmlParser();
        foreach (var page in pages)
        {
            var final = extractor.Extract(page.Html, null, page.Url, ExtractionRules.None).Article?.Text ?? "";
            var missed = page.With.Where(w => !Contains(final, w)).ToList();
            if (missed.Count == 0)
            {
                continue;
            }

            var raw = parser.ParseDocument(Encoding.UTF8.GetString(page.Html));
            var all = raw.Body is null ? "" : PlainText.Render(raw.Body, figures: true);
            var document = PageDecoder.Parse(page.Html, null);
            var metadata = MetadataReader.Read(document, page.Url);
            var body = document.Body!;
            var named = Pruner.Prune(body);
            var pruned = PlainText.Render(body, figures: true);
            var measured = ContentFinder.Measure(body);
            var unlikely = measured.Discount(named);
            var chosen = measured.Best()?.Element;
            var selected = chosen is null ? "" : PlainText.Render(chosen, figures: true);
            foreach (var segment in missed)
            {
                var stage = !Contains(all, segment) ? "absent from the page"
                    : !Contains(pruned, segment) ? "dropped by the pruner"
                    : chosen is null ? "no container (not an article)"
                    : !Contains(selected, segment) ? "outside the container"
                    : "trimmed inside the container";
                if (!losses.TryGetValue(stage, out var list))
                {
                    losses[stage] = list = [];
                }

                list.Add($"{page.Id} {segment}");
            }
        }

        foreach (var (stage, list) in losses.OrderByDescending(l => l.Value.Count))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{stage}: {list.Count}"));
            foreach (var example in list.Take(examples))
            {
                Console.WriteLine($"    {example}");
            }
        }

        return 0;
    }

    private static bool Contains(string text, string segment) => Score.Fold(text).Contains(Score.Fold(segment), StringComparison.Ordinal);
}
