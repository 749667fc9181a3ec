using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Langaj.Core;
using Langaj.Core.Extraction;

namespace Langaj.Benchmarks;

/// <summary>
/// Scores extractors on the development set with its published metric, and times them end to end
/// (bytes to article JSON), warm, on one thread and optionally on every core.
/// </summary>
internal static class ExtractionBench
{
    /// <summary>Timed rounds per engine after the warm-up pass; the best one counts.</summary>
    private const int Rounds = 3;

    /// <summary>An extractor under test: from a page to its plain text and the JSON it would store.</summary>
    private sealed record Engine(string Name, Func<DevCase, (string Text, string Json)> Run);

    public static int Run(BenchOptions options)
    {
        var pages = DevSet.Load(options.DevSet);
        Console.WriteLine($"devset: {options.DevSet} ({pages.Count} pages, {pages.Sum(p => p.Html.Length) / 1_000_000.0:F1} MB)");

        var engines = new List<Engine> { Langaj() };
        if (options.SmartReader)
        {
            engines.Add(SmartReader());
        }

        if (options.Baseline)
        {
            engines.Add(Baseline());
        }

        Console.WriteLine($"{"engine",-12} {"half",-10} {"pages",5} {"P",6} {"R",6} {"F1",6} {"acc",6} {"pages/s",8} {(options.Parallel ? $"{"pages/s ∥" + Environment.ProcessorCount,10}" : "")}");
        // The machine is shared: each engine is timed in rounds that alternate with the others, and its best round
        // counts, so that a burst of someone else's load does not land on one engine only. --quality times the
        // scoring pass only.
        var first = engines.Select(engine => Pass(engine, pages)).ToList();
        var texts = first.Select(pass => pass.Texts).ToList();
        var best = first.Select(pass => pass.Seconds).ToArray();
        var bestParallel = engines.Select(_ => double.MaxValue).ToArray();
        for (var round = 0; round < (options.QualityOnly ? 0 : Rounds); round++)
        {
            for (var e = 0; e < engines.Count; e++)
            {
                best[e] = Math.Min(best[e], Pass(engines[e], pages).Seconds);
                if (options.Parallel)
                {
                    bestParallel[e] = Math.Min(bestParallel[e], ParallelPass(engines[e], pages));
                }
            }
        }

        for (var e = 0; e < engines.Count; e++)
        {
            foreach (var half in (string[])[DevSplit.Development, DevSplit.Validation, "all"])
            {
                var total = default(Score);
                var count = 0;
                for (var i = 0; i < pages.Count; i++)
                {
                    if (half == "all" || pages[i].Half == half)
                    {
                        total += Score.Of(texts[e][i], pages[i]);
                        count++;
                    }
                }

                var speed = half == "all" ? $"{pages.Count / best[e],8:F1}" : "";
                var parallel = half == "all" && options.Parallel && !options.QualityOnly ? $"{pages.Count / bestParallel[e],10:F1}" : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{engines[e].Name,-12} {half,-10} {count,5} {total.Precision,6:F3} {total.Recall,6:F3} {total.F1,6:F3} {total.Accuracy,6:F3} {speed} {parallel}"));
            }
        }

        var langajTexts = texts[0];
        if (options.Worst > 0)
        {
            PrintWorst(pages, langajTexts, options.Worst);
        }

        return 0;
    }

    /// <summary>Prints what Langaj extracts from the given cases, with the segments it missed or leaked: for studying failures.</summary>
    public static int Show(BenchOptions options, string[] ids)
    {
        var extractor = new ArticleExtractor();
        foreach (var page in DevSet.Load(options.DevSet).Where(p => ids.Contains(p.Id)))
        {
            IElement? chosen = null;
            var result = extractor.Extract(page.Html, null, page.Url, ExtractionRules.None, (stage, tree) => chosen = stage == ExtractionStage.Locate ? tree : chosen);
            var missed = new List<string>();
            var leaked = new List<string>();
            var score = Score.Of(result.Article?.Body.Text ?? "", page, missed, leaked);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"== {page.Id} {page.Url} F1 {score.PageF1:F2} {result.NoArticleReason}"));
            Console.WriteLine(result.Article?.Body.Text);
            if (chosen is not null)
            {
                Console.WriteLine($"  chosen {chosen.LocalName}.{chosen.ClassName}#{chosen.Id}; parent {chosen.ParentElement?.LocalName}.{chosen.ParentElement?.ClassName}");
            }

            var document = new HtmlParser().ParseDocument(Encoding.UTF8.GetString(page.Html));
            foreach (var element in document.Body?.QuerySelectorAll("*").Where(e => Pruner.Judge(e) != NameHint.None) ?? [])
            {
                if (element.TextContent.Length > 300 && element.LocalName is not ("script" or "style"))
                {
                    Console.WriteLine($"  pruned {Pruner.Judge(element)} {element.LocalName}.{element.ClassName}#{element.Id} {element.TextContent.Length} chars");
                }
            }
            missed.ForEach(m => Console.WriteLine($"  missed: {m}"));
            var blocks = (result.Article?.Body.Text ?? "").Split("\n\n");
            leaked.ForEach(l =>
            {
                var at = Array.FindIndex(blocks, b => Score.Fold(b).Contains(Score.Fold(l), StringComparison.Ordinal));
                Console.WriteLine($"  leaked: {l} (block {at + 1} of {blocks.Length})");
            });
        }

        return 0;
    }

    /// <summary>
    /// One SHA-256 over every devset page's extracted article JSON: a speed change must leave it as it was. With
    /// <c>--dump DIR</c>, each page's JSON is also written there, so two builds' dumps can be compared page by page.
    /// </summary>
    public static int Digest(BenchOptions options)
    {
        var engine = Langaj();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var pages = DevSet.Load(options.DevSet);
        if (options.Dump is { } dump)
        {
            Directory.CreateDirectory(dump);
        }

        foreach (var page in pages)
        {
            var json = engine.Run(page).Json;
            hash.AppendData(Encoding.UTF8.GetBytes(json + "\n"));
            if (options.Dump is { } folder)
            {
                File.WriteAllText(Path.Combine(folder, page.Id + ".json"), json);
            }
        }

        Console.WriteLine($"{pages.Count} pages, output digest {Convert.ToHexStringLower(hash.GetHashAndReset())}");
        return 0;
    }

    private static Engine Langaj()
    {
        var extractor = new ArticleExtractor();
        return new Engine("Langaj", page =>
        {
            var result = extractor.Extract(page.Html, null, page.Url, ExtractionRules.None);
            return result.Article is { } article
                ? (article.Body.Text, Encoding.UTF8.GetString(ArticleJson.Serialize(article)))
                : ("", JsonSerializer.Serialize(result));
        });
    }

    /// <summary>SmartReader as its README uses it, on the page decoded as UTF-8 (the figure the devset README quotes).</summary>
    private static Engine SmartReader() => new("SmartReader", page =>
    {
        try
        {
            var article = new SmartReader.Reader(page.Url.AbsoluteUri, Encoding.UTF8.GetString(page.Html)).GetArticle();
            var text = article.TextContent ?? "";
            return (text, JsonSerializer.Serialize(new { article.Title, TextContent = text, article.Content, article.Author, article.PublicationDate, article.Language }));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return ("", "{}");
        }
    });

    /// <summary>All text of &lt;body&gt; without script and style: the sanity row (about 0.686 F1 when the metric is right).</summary>
    private static Engine Baseline()
    {
        var parser = new ThreadLocal<HtmlParser>(() => new HtmlParser());
        return new Engine("all-body", page =>
        {
            var document = parser.Value!.ParseDocument(Encoding.UTF8.GetString(page.Html));
            if (document.Body is not { } body)
            {
                return ("", "{}");
            }

            foreach (var element in body.QuerySelectorAll("script, style").ToList())
            {
                element.Remove();
            }

            var text = PlainText.Render(body, figures: true);
            return (text, JsonSerializer.Serialize(new { Text = text }));
        });
    }

    private static (double Seconds, string[] Texts) Pass(Engine engine, List<DevCase> pages)
    {
        var texts = new string[pages.Count];
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < pages.Count; i++)
        {
            texts[i] = engine.Run(pages[i]).Text;
        }

        return (clock.Elapsed.TotalSeconds, texts);
    }

    private static double ParallelPass(Engine engine, List<DevCase> pages)
    {
        var clock = Stopwatch.StartNew();
        Parallel.ForEach(pages, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, page => engine.Run(page));
        return clock.Elapsed.TotalSeconds;
    }

    private static void PrintWorst(List<DevCase> pages, string[] texts, int count)
    {
        Console.WriteLine();
        Console.WriteLine($"worst {count} pages for Langaj (per-page F1):");
        var ranked = pages.Select((page, i) =>
        {
            var missed = new List<string>();
            var leaked = new List<string>();
            var score = Score.Of(texts[i], page, missed, leaked);
            return (page, score, missed, leaked, length: texts[i].Length);
        }).OrderBy(r => r.score.PageF1).ThenBy(r => r.page.Id, StringComparer.Ordinal).Take(count);
        foreach (var (page, score, missed, leaked, length) in ranked)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{page.Id} F1 {score.PageF1:F2} tp {score.TruePositives} fp {score.FalsePositives} fn {score.FalseNegatives} text {length} chars {page.Url}"));
            foreach (var segment in missed.Take(3))
            {
                Console.WriteLine($"    missed: {Short(segment)}");
            }

            foreach (var segment in leaked.Take(3))
            {
                Console.WriteLine($"    leaked: {Short(segment)}");
            }
        }
    }

    private static string Short(string text) => text.Length <= 90 ? text : text[..90] + "…";
}
