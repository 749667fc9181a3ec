using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Io;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>Reads article links from a listing page: the elements a CSS selector picks, or the first link inside each.</summary>
internal static class ListingParser
{
    public static async Task<ParsedDocument> ParseAsync(byte[] body, string? contentType, Uri documentUrl, string selector, CancellationToken ct)
    {
        using var document = await OpenAsync(body, contentType, documentUrl, ct);

        IHtmlCollection<IElement> picked;
        try
        {
            picked = document.QuerySelectorAll(selector);
        }
        catch (DomException e)
        {
            throw new DiscoveryException($"the link selector \"{selector}\" is not valid CSS: {e.Message}", e);
        }

        var links = new List<DiscoveredLink>();
        foreach (var element in picked)
        {
            var anchor = element as IHtmlAnchorElement ?? element.QuerySelector("a[href]") as IHtmlAnchorElement;
            if (anchor?.GetAttribute("href") is { Length: > 0 } && Uri.TryCreate(anchor.Href, UriKind.Absolute, out var url))
            {
                var title = Collapse(anchor.TextContent) ?? Collapse(anchor.Title);
                links.Add(new DiscoveredLink(url, null, title));
            }
        }
        return new ParsedDocument(links, null);
    }

    /// <summary>
    /// The page as a document: AngleSharp picks the charset from the BOM, the Content-Type header or
    /// <c>&lt;meta charset&gt;</c>, and resolves hrefs against the document address or its <c>&lt;base href&gt;</c>.
    /// </summary>
    public static async Task<IDocument> OpenAsync(byte[] body, string? contentType, Uri documentUrl, CancellationToken ct)
    {
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(response =>
        {
            response.Content(new MemoryStream(body), shouldDispose: true).Address(documentUrl);
            if (contentType is not null)
            {
                response.Header(HeaderNames.ContentType, contentType);
            }
        }, ct);
    }

    private static string? Collapse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
