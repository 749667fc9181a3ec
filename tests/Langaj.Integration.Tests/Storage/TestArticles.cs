using System.Globalization;
using System.Text;
using Langaj.Core;
using Langaj.Testing;

namespace Langaj.Integration.Tests.Storage;

/// <summary>Builders for articles and raw pages as the scraper would hand them to the store.</summary>
internal static class TestArticles
{
    public static readonly DateTimeOffset Noon = new(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(1));

    /// <summary>A French article with every field set; <paramref name="version"/> changes the text and so the content hash.</summary>
    public static Article Make(
        string id, string sourceId = "lemonde", DateTimeOffset? published = null, string? category = "International", int version = 1) =>
        new TestArticle(id, sourceId, $"https://www.lemonde.fr/international/article/2026/11/23/{id}.html", $"L'Élysée réagit à l'accord — « une étape » ({id})")
        {
            Authors = ["Hélène Sallon", "Benoît Vitkine"],
            Published = published ?? Noon,
            Modified = (published ?? Noon).AddHours(2),
            Category = category,
            Tags = ["Guerre en Ukraine", "Diplomatie", "Union européenne"],
            Image = "https://img.lemde.fr/2026/11/23/0/0/5000/3333/664/0/75/0/photo.jpg",
            Summary = "Les négociations ont repris à Genève, où les délégations se sont retrouvées à huis clos.",
            Text = $"Premier paragraphe, version {version} : l'été s'achève à Paris.\n\nDeuxième paragraphe, avec des guillemets « français » et un œuf.",
            Html = $"<p>Premier paragraphe, version {version} : l'été s'achève à Paris.</p><p>Deuxième paragraphe, avec des guillemets « français » et un œuf.</p>",
            FirstSeen = Noon,
            Updated = Noon,
            ContentHash = $"h{version}-{id}",
        }.Build();

    /// <summary>Changes the content (and hash) of an article, as a re-scrape of an edited page would.</summary>
    public static Article Edited(Article article, int version) => article with
    {
        Body = new(
            article.Body.Text.Replace("version", $"version {version} (révisée)", StringComparison.Ordinal),
            article.Body.Html.Replace("version", $"version {version} (révisée)", StringComparison.Ordinal)),
        ContentHash = $"h{version}-{article.Id}",
    };

    /// <summary>An edited article that moved too: published at another time, in another category.</summary>
    public static Article Moved(Article article, int version, DateTimeOffset published, string category)
    {
        var edited = Edited(article, version);
        return edited with { Metadata = edited.Metadata with { Published = published, Category = category } };
    }

    public static RawPage Raw(Article article, int version = 1) => new(
        Encoding.UTF8.GetBytes($"<!doctype html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>{article.Metadata.Title}</title></head><body><article>{article.Body.Html}<!-- v{version} --></article></body></html>"),
        "text/html; charset=utf-8",
        new Uri(article.Url + "?utm_source=rss&q=café"),
        new DateTimeOffset(2026, 11, 23, 11, 59, 30, TimeSpan.Zero));

    public static string Id(int n) => "a" + n.ToString("D4", CultureInfo.InvariantCulture);
}
