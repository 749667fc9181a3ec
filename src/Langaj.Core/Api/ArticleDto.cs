using System.Text.Json.Serialization;

namespace Langaj.Core.Api;

/// <summary>The article JSON of <c>/api/articles/{id}</c>: the wire shape, apart from the stored model.</summary>
public sealed record ArticleDto(
    string Id,
    string Url,
    string Source,
    string Title,
    string? Author,
    IReadOnlyList<string> Authors,
    DateTimeOffset? Published,
    DateTimeOffset? Modified,
    string? Category,
    IReadOnlyList<string> Tags,
    string? Image,
    string? Language,
    string Summary,
    // Absent from list items: defaults, so the API document does not call them required either.
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Text = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Html = null)
{
    /// <summary>The full article, body included.</summary>
    public static ArticleDto From(Article article) => Summarize(article) with { Text = article.Body.Text, Html = article.Body.Html };

    /// <summary>A list item: everything but the body, so a listing needs no blob read.</summary>
    public static ArticleDto Summarize(Article article)
    {
        var metadata = article.Metadata;
        return new(
            article.Id,
            article.Url,
            article.SourceId,
            metadata.Title,
            metadata.Authors.Count == 0 ? null : string.Join(", ", metadata.Authors),
            metadata.Authors,
            metadata.Published,
            metadata.Modified,
            metadata.Category,
            metadata.Tags,
            metadata.Image,
            metadata.Language,
            metadata.Summary);
    }
}

/// <summary>One page of <c>/api/articles</c>: pass <see cref="Next"/> back as <c>?cursor=</c> for the next page.</summary>
public sealed record ArticleListDto(IReadOnlyList<ArticleDto> Items, string? Next);
