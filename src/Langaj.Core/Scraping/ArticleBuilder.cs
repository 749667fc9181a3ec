using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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
            Title = extracted.Title,
            Authors = extracted.Authors,
            Published = extracted.Published,
            Modified = extracted.Modified,
            Category = extracted.Category,
            Tags = extracted.Tags,
            Image = extracted.Image,
            // The page's own language wins; the source's is the fallback readers expect.
            Language = extracted.Language ?? source.Language,
            Summary = extracted.Summary,
            Text = extracted.Text,
            Html = extracted.Html,
            FirstSeen = now,
            Updated = now,
        };
        return article with { ContentHash = ContentHash(article) };
    }

    /// <summary>Hash of everything a reader sees, and nothing else (not times Langaj sets itself).</summary>
    public static string ContentHash(Article article)
    {
        var visible = new
        {
            article.Url, article.Title, article.Authors, article.Published, article.Modified, article.Category,
            article.Tags, article.Image, article.Language, article.Summary, article.Text, article.Html,
        };
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(visible)))[..32];
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
