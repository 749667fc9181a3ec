using Langaj.Core.Feeds;
using Langaj.Testing;

namespace Langaj.Core.Tests.Feeds;

/// <summary>Articles and feed documents to render, with the awkward cases real pages bring.</summary>
internal static class FeedSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 18, 0, 0, TimeSpan.Zero);

    /// <summary>Article <paramref name="n"/> of news.example, published <paramref name="n"/> days after the first; <paramref name="configure"/> changes what a test needs.</summary>
    public static Article Article(int n, Action<TestArticle>? configure = null)
    {
        var published = Now.AddDays(-10 + n);
        var article = new TestArticle($"a{n:D4}", "news-example", $"https://news.example/articles/{n}", $"Article number {n}")
        {
            Authors = [$"Author {n}"],
            Published = published,
            // The page's own modified date, distinct from when Langaj stored it (Updated).
            Modified = published.AddMinutes(30),
            Category = "Monde",
            Image = $"https://news.example/img/{n}.jpg",
            Summary = $"Summary of article {n}.",
            Text = $"Body of article {n} with a link & “quotes”.\n\nSecond paragraph.",
            Html = $"<p>Body of <b>article {n}</b> with <a href=\"https://news.example/x\">a link</a> &amp; “quotes”.</p><p>Second paragraph.</p>",
            FirstSeen = published.AddMinutes(5),
            Updated = published.AddMinutes(5),
            ContentHash = $"hash{n}",
        };
        configure?.Invoke(article);
        return article.Build();
    }

    /// <summary>Three articles, newest first: accents, entities, two authors, no author, an image and none.</summary>
    public static IReadOnlyList<Article> Articles() =>
    [
        Article(3, a =>
        {
            a.Title = "Élections : « le second tour » & les résultats <en direct>";
            a.Authors = ["Anne Dupont", "Karim Ben Ali"];
            a.Category = "Politique";
            a.Tags = ["élections", "politique", "Paris"];
            a.Image = "https://news.example/img/lead-3.webp";
        }),
        Article(2, a =>
        {
            a.Authors = [];
            a.Category = null;
            a.Tags = ["météo"];
            a.Image = null;
            // Modified after publication: updated moves, published does not.
            a.Updated = Now.AddHours(-1);
        }),
        Article(1, a => a.Image = "https://cdn.example/images/1234?w=800"),
    ];

    public static FeedDocument Document(IReadOnlyList<Article>? items = null, FeedPaging? paging = null)
    {
        items ??= Articles();
        return new FeedDocument
        {
            Id = "urn:langaj:feed:source:news-example",
            Title = "News Example — Langaj",
            Description = "Articles from News Example",
            SelfUrl = new Uri("https://feeds.example/api/feeds/rss?source=news-example"),
            HomeUrl = new Uri("https://news.example/"),
            Stylesheet = new Uri("https://feeds.example/api/feeds.xsl"),
            Language = "fr",
            Publisher = "News Example",
            Updated = items.Count > 0 ? items.Max(a => a.Metadata.Modified!.Value) : Now,
            Items = items,
            Paging = paging ?? FeedPaging.None,
        };
    }
}
