using Langaj.Core;

namespace Langaj.Testing;

/// <summary>
/// An article as a test describes it, one settable field each, and <see cref="Build"/> to make the stored
/// <see cref="Article"/>: the one place the tests spell out the article's shape, so a change to it is made here.
/// Fields a test does not set are empty, French, and dated the Unix epoch.
/// </summary>
public sealed class TestArticle(string id, string sourceId, string url, string title)
{
    public string Id { get; set; } = id;
    public string SourceId { get; set; } = sourceId;
    public string Url { get; set; } = url;
    public string Title { get; set; } = title;
    public IReadOnlyList<string> Authors { get; set; } = [];
    public DateTimeOffset? Published { get; set; }
    public DateTimeOffset? Modified { get; set; }
    public string? Category { get; set; }
    public IReadOnlyList<string> Tags { get; set; } = [];
    public string? Image { get; set; }
    public string? Language { get; set; } = "fr";
    public string Summary { get; set; } = "";
    public string Text { get; set; } = "";
    public string Html { get; set; } = "";
    public DateTimeOffset FirstSeen { get; set; } = DateTimeOffset.UnixEpoch;
    public DateTimeOffset Updated { get; set; } = DateTimeOffset.UnixEpoch;
    public string ContentHash { get; set; } = "";

    public Article Build() => new()
    {
        Id = Id,
        SourceId = SourceId,
        Url = Url,
        Metadata = new ArticleMetadata
        {
            Title = Title,
            Authors = Authors,
            Published = Published,
            Modified = Modified,
            Category = Category,
            Tags = Tags,
            Image = Image,
            Language = Language,
            Summary = Summary,
        },
        Body = new ArticleBody(Text, Html),
        FirstSeen = FirstSeen,
        Updated = Updated,
        ContentHash = ContentHash,
    };
}
