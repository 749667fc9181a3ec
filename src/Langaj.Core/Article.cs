namespace Langaj.Core;

/// <summary>A cleaned article as Langaj stores and serves it: where it is, what it says about itself, its body.</summary>
public sealed record Article
{
    /// <summary>Stable id, derived from the article's URL (see <see cref="ArticleId"/>).</summary>
    public required string Id { get; init; }
    public required string SourceId { get; init; }
    /// <summary>The article's address: its canonical URL when the page names one, else where it was found.</summary>
    public required string Url { get; init; }
    public required ArticleMetadata Metadata { get; init; }
    /// <summary>Empty in listings, which read no blob.</summary>
    public ArticleBody Body { get; init; } = ArticleBody.Empty;
    /// <summary>When Langaj first stored this article.</summary>
    public required DateTimeOffset FirstSeen { get; init; }
    /// <summary>When the article's content last changed in Langaj (drives feed <c>updated</c>).</summary>
    public required DateTimeOffset Updated { get; init; }
    /// <summary>Hash of everything a reader sees; equal hashes mean nothing changed.</summary>
    public string ContentHash { get; init; } = "";
}

/// <summary>What an article says about itself besides its body: everything a listing shows of it.</summary>
public sealed record ArticleMetadata
{
    public required string Title { get; init; }
    public IReadOnlyList<string> Authors { get; init; } = [];
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>The lead image's absolute URL.</summary>
    public string? Image { get; init; }
    public string? Language { get; init; }
    /// <summary>A plain-text summary: the description the page gives, else the start of the text.</summary>
    public string Summary { get; init; } = "";
}

/// <summary>An article's body, in the two forms it is served in.</summary>
/// <param name="Text">Plain text, one paragraph per block, blocks separated by a blank line.</param>
/// <param name="Html">Sanitized HTML with absolute URLs.</param>
public sealed record ArticleBody(string Text, string Html)
{
    public static readonly ArticleBody Empty = new("", "");
}
