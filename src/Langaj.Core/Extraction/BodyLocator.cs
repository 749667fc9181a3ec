using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Langaj.Core.Extraction;

/// <summary>
/// The body of the article: the source's content selector's element when it has one; else the element whose
/// prose outweighs its furniture the most (<see cref="ContentFinder"/>); else, on a page that says it is an
/// article, its marked body or its declared articleBody. Refuses listings and pages with no prose.
/// </summary>
internal static class BodyLocator
{
    /// <summary>Below this much prose a page is a menu, a listing or an empty shell, not an article.</summary>
    public const int MinimumProse = 100;

    public static LocatedBody Locate(IHtmlDocument document, PrunedPage page, PageMetadata metadata)
    {
        var measured = ContentFinder.Measure(page.Root);
        var unlikely = measured.Discount(page.Named);
        if (page.BySelector)
        {
            return LocatedBody.Found(page.Root, measured, unlikely, byRule: true, bySelector: true);
        }

        if (measured.Best() is { } found && found.Prose >= MinimumProse)
        {
            // Links outweighing prose say listing, unless the page or its markup says this is one article
            // (show notes, link round-ups, a post with its sources): then the trimming sorts the links out.
            return found.Furniture > found.Prose && !metadata.DeclaresArticle && found.Element.Closest("article") is null
                ? LocatedBody.Refused("mostly links: the page is a home page or a listing")
                : LocatedBody.Found(found.Element, measured, unlikely, byRule: false, bySelector: false);
        }

        if (metadata.DeclaresArticle && measured.Marked() is { } marked)
        {
            // A page that says it is an article may be a very short one (a quote, a photo post): its marked body is it.
            return LocatedBody.Found(marked, measured, unlikely, byRule: true, bySelector: false);
        }

        return DeclaredBody.IsFuller(metadata.JsonLdBody, "")
            ? LocatedBody.Found(DeclaredBody.Build(document, metadata.JsonLdBody!), null, unlikely, byRule: true, bySelector: false)
            : LocatedBody.Refused("no article text: the page is a menu, a listing or empty");
    }
}

/// <summary>
/// The located body, or why there is none. <see cref="ByRule"/>: chosen by a rule (selector, markup, declaration)
/// rather than by its prose, so a short text stays an article; <see cref="BySelector"/>: the source's own selector,
/// which the declared articleBody never overrides. <see cref="Measured"/>: the page's measure the body was found in, if any.
/// </summary>
internal sealed record LocatedBody(IElement? Element, ContentFinder? Measured, IReadOnlySet<IElement> Unlikely, bool ByRule, bool BySelector, string? Refusal)
{
    public static LocatedBody Found(IElement element, ContentFinder? measured, IReadOnlySet<IElement> unlikely, bool byRule, bool bySelector) =>
        new(element, measured, unlikely, byRule, bySelector, null);

    public static LocatedBody Refused(string reason) => new(null, null, new HashSet<IElement>(), false, false, reason);
}
