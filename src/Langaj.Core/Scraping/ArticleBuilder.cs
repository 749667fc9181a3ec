using System.Security.Cryptography;
using Langaj.Core.Extraction;
using Langaj.Core.Sources;

namespace Langaj.Core.Scraping;

/// <summary>Turns what extraction found into the article Langaj stores, with its stable id and content hash.</summary>
public static class ArticleBuilder
{
    public static Article Build(Uri foundAt, SourceDefinition source, ExtractedArticle extracted, DateTimeOffset now)
    {
        var article = new Article
        {
            Id = ArticleId.For(foundAt),
            SourceId = source.Id,
            Url = CanonicalOrFound(extracted.CanonicalUrl, foundAt),
            // The page's own language wins; the source's is the fallback readers expect.
            Metadata = extracted.Metadata with { Language = extracted.Metadata.Language ?? source.Language },
            Body = extracted.Body,
            FirstSeen = now,
            Updated = now,
        };
        return article with { ContentHash = ContentHash(article) };
    }

    /// <summary>
    /// Hash of everything a reader sees, and nothing else (not times Langaj sets itself): the address, the metadata and
    /// the body, as one flat JSON object. A field added to either part changes every hash, so each article is stored
    /// again, with it, when next scraped.
    /// </summary>
    public static string ContentHash(Article article)
    {
        var visible = ArticleJson.Serialize(new { article.Url, article.Metadata, article.Body });
        return Convert.ToHexStringLower(SHA256.HashData(visible))[..32];
    }

    // A canonical URL on another site (syndicated copies) is not where our reader should go.
    private static string CanonicalOrFound(string? canonical, Uri foundAt) =>
        Uri.TryCreate(canonical, UriKind.Absolute, out var url)
        && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp)
        && string.Equals(RegistrableHost(url), RegistrableHost(foundAt), StringComparison.OrdinalIgnoreCase)
            ? url.AbsoluteUri
            : foundAt.AbsoluteUri;

    private static string RegistrableHost(Uri url) =>
        url.Host.StartsWith("www.", StringComparison.OrdinalIgnoreCase) ? url.Host[4..] : url.Host;
}
