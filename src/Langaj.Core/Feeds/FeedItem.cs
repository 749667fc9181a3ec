using System.Globalization;

namespace Langaj.Core.Feeds;

/// <summary>How an article's fields map to feed items, the same way in every format.</summary>
internal static class FeedItem
{
    /// <summary>
    /// The item's permanent id. It is a URN over the article id (itself derived from the article's
    /// URL) rather than a tag: URI or a link on our host, so that moving the service to another host
    /// never makes readers see every article as new.
    /// </summary>
    public static string Id(Article article) => "urn:langaj:article:" + article.Id;

    /// <summary>The date a reader sorts by: the page's own publication date, else when Langaj first saw it.</summary>
    public static DateTimeOffset Published(Article article) => (article.Metadata.Published ?? article.FirstSeen).ToUniversalTime();

    /// <summary>The date the article says it last changed: the page's own modified date, else its publication date.</summary>
    public static DateTimeOffset Modified(Article article) => (article.Metadata.Modified ?? article.Metadata.Published ?? article.FirstSeen).ToUniversalTime();

    /// <summary>The category then the tags, each once (case-insensitive), in the order given.</summary>
    public static IEnumerable<string> Terms(Article article) =>
        (article.Metadata.Category is { Length: > 0 } category ? article.Metadata.Tags.Prepend(category) : article.Metadata.Tags)
            .Where(t => !string.IsNullOrWhiteSpace(t))
            .Distinct(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The article's address as an absolute http(s) URL, null when unusable: one malformed stored URL
    /// then costs its item a link instead of failing the whole feed.
    /// </summary>
    public static Uri? Link(Article article) => HttpUrl(article.Url);

    /// <summary>The lead image as an absolute http(s) URL, null when missing or unusable.</summary>
    public static Uri? Image(Article article) => HttpUrl(article.Metadata.Image);

    private static Uri? HttpUrl(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? uri
            : null;

    /// <summary>
    /// The image's MIME type from its extension. Without a known extension (CDN URLs often have
    /// none) it says image/jpeg: the URL is known to be an image (the extractor took it from
    /// og:image or an img), readers only branch on the "image/" prefix and browsers sniff the bytes.
    /// </summary>
    public static string ImageType(Uri image) =>
        Path.GetExtension(image.AbsolutePath).ToLowerInvariant() switch
        {
            ".png" => "image/png",
            ".gif" => "image/gif",
            ".webp" => "image/webp",
            ".avif" => "image/avif",
            ".svg" => "image/svg+xml",
            _ => "image/jpeg",
        };

    /// <summary>RFC 3339 in UTC with a Z, as JSON Feed and Atom want.</summary>
    public static string Rfc3339(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
