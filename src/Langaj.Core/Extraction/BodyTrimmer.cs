using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// Cuts what the located body holds besides the article, in place: what follows its end (<see cref="Tail.Cut"/>),
/// furniture and labels inside it (<see cref="ContentFinder.Trim"/>), a first block repeating the headline, then
/// the trailing and leading lines that are not prose (<see cref="Tail.Trim"/>, <see cref="Tail.TrimHead"/>).
/// </summary>
internal static class BodyTrimmer
{
    /// <param name="page">The page as the locator measured it: when the cut takes nothing, the body's measure is read from it.</param>
    public static void Trim(IElement body, IReadOnlySet<IElement> unlikely, ContentFinder? page, PageMetadata metadata)
    {
        var measured = (Tail.Cut(body) ? null : page?.Within(body, unlikely)) ?? ContentFinder.Measure(body, unlikely);
        measured.Trim(metadata.Title, metadata.SiteName, unlikely);
        DropLeadingTitle(body, metadata.Title);
        Tail.Trim(body);
        Tail.TrimHead(body);
    }

    /// <summary>The headline belongs to the title, not the body: drop a first heading or block that repeats it.</summary>
    private static void DropLeadingTitle(IElement body, string? title)
    {
        if (title is null)
        {
            return;
        }

        var first = body.FirstElementChild;
        while (first is not null && first.TextContent.Trim().Length == 0 && first.LocalName is not ("img" or "figure" or "picture"))
        {
            var next = first.NextElementSibling;
            if (first.QuerySelector("img") is not null)
            {
                break;
            }

            first = next;
        }

        if (first is not null && first.LocalName is "h1" or "h2" or "h3" or "p" or "div" or "header"
            && string.Equals(PlainText.Fold(first.TextContent), title, StringComparison.OrdinalIgnoreCase))
        {
            first.Discard();
        }
    }
}
