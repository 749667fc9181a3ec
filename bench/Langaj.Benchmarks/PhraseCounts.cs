using System.Globalization;
using AngleSharp.Html.Parser;
using Langaj.Core.Extraction;

namespace Langaj.Benchmarks;

/// <summary>
/// On how many pages of each half every phrase of the text vocabulary matches a line of the page (a block of its
/// body text of at most 300 characters, the longest line a phrase rule looks at). A phrase that matches one
/// development page only is tuned to that page: it stays only if the validation half needs it.
/// </summary>
internal static class PhraseCounts
{
    private const int LongestLine = 300;

    public static int Run(List<DevCase> pages)
    {
        var parser = new HtmlParser();
        var lines = pages.Select(page =>
        {
            var body = parser.ParseDocument(System.Text.Encoding.UTF8.GetString(page.Html)).Body;
            if (body is null)
            {
                return [];
            }

            foreach (var element in body.QuerySelectorAll("script, style").ToList())
            {
                element.Remove();
            }

            return PlainText.Render(body, figures: true).Split("\n\n").Where(l => l.Length <= LongestLine).Distinct().ToArray();
        }).ToList();

        var single = 0;
        Console.WriteLine($"{"list",-16} {"dev",4} {"val",4}  phrase");
        foreach (var (list, phrase, how) in BoilerplateHints.Vocabulary().OrderBy(v => v.List, StringComparer.Ordinal).ThenBy(v => v.Phrase, StringComparer.Ordinal))
        {
            int dev = 0, validation = 0;
            for (var i = 0; i < pages.Count; i++)
            {
                if (lines[i].Any(line => Matches(line, phrase, how)))
                {
                    if (pages[i].Half == DevSplit.Development)
                    {
                        dev++;
                    }
                    else
                    {
                        validation++;
                    }
                }
            }

            single += dev == 1 ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{list,-16} {dev,4} {validation,4}  {phrase}"));
        }

        Console.WriteLine($"{single} phrases match exactly one development page");
        return 0;
    }

    private static bool Matches(string line, string phrase, BoilerplateHints.Match how)
    {
        var text = line.Trim().TrimEnd(':', '.', '!', '?', ' ').Replace(" :", ":", StringComparison.Ordinal);
        return how switch
        {
            BoilerplateHints.Match.Whole => string.Equals(text, phrase, StringComparison.OrdinalIgnoreCase),
            BoilerplateHints.Match.Start => text.StartsWith(phrase, StringComparison.OrdinalIgnoreCase),
            _ => text.Contains(phrase, StringComparison.OrdinalIgnoreCase),
        };
    }
}
