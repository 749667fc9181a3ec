using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// The JSON-LD <c>articleBody</c> as a fallback: script-rendered pages and teaser-only pages ship the whole text
/// there while their markup holds a caption or a first paragraph. It is used only when it is much fuller than
/// what the markup gave, so a page whose markup has the article keeps its structure (headings, lists, links).
/// </summary>
internal static class DeclaredBody
{
    /// <summary>The declared body replaces the found text when it is this many times longer...</summary>
    private const double FullerBy = 2.0;

    /// <summary>...and at least this long: a summary in articleBody is not an article.</summary>
    private const int MinimumLength = 500;

    public static bool IsFuller(string? declared, string found) =>
        declared is not null && declared.Length >= MinimumLength && PlainText.Fold(declared).Length >= FullerBy * found.Length;

    /// <summary>A detached container with the declared body: its markup when it is HTML, else one paragraph per line.</summary>
    public static IElement Build(IHtmlDocument document, string declared)
    {
        var container = document.CreateElement("div");
        if (declared.Contains("</p>", StringComparison.OrdinalIgnoreCase) || declared.Contains("<br", StringComparison.OrdinalIgnoreCase))
        {
            container.InnerHtml = declared;
            // Markup from a script is no cleaner than the page's: scripts, forms and hidden parts go the same way.
            Pruner.Prune(container);
            return container;
        }

        foreach (var line in declared.Split('\n'))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                var paragraph = document.CreateElement("p");
                paragraph.TextContent = line.Trim();
                container.AppendChild(paragraph);
            }
        }

        return container;
    }
}
