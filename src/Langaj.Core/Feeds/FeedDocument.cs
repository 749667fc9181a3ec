namespace Langaj.Core.Feeds;

/// <summary>
/// One page of one feed, ready to render in any format. The wire formats are written from this
/// model by <see cref="RssFeedWriter"/>, <see cref="AtomFeedWriter"/> and <see cref="JsonFeedWriter"/>.
/// </summary>
public sealed record FeedDocument
{
    /// <summary>The feed's permanent id (Atom <c>id</c>); the same on every page of the feed.</summary>
    public required string Id { get; init; }
    public required string Title { get; init; }
    public string Description { get; init; } = "";
    /// <summary>The absolute URL this page is served at.</summary>
    public required Uri SelfUrl { get; init; }
    /// <summary>The web page the feed stands for (RSS <c>link</c>, Atom alternate, JSON Feed <c>home_page_url</c>).</summary>
    public required Uri HomeUrl { get; init; }
    /// <summary>BCP 47 language tag, null when the feed mixes languages.</summary>
    public string? Language { get; init; }
    /// <summary>Who the feed is by; Atom needs an author on the feed when an entry names none.</summary>
    public required string Publisher { get; init; }
    /// <summary>The newest of the items' own dates (<see cref="FeedItem.Modified"/>), or when an empty feed was rendered.</summary>
    public required DateTimeOffset Updated { get; init; }
    public required IReadOnlyList<Article> Items { get; init; }
    /// <summary>The <see cref="FeedStylesheet"/> a browser shows the RSS or Atom page with; null for none.</summary>
    public Uri? Stylesheet { get; init; }
    /// <summary>RFC 5005 paging links, absolute; null where there is no such page or it is unknown.</summary>
    public FeedPaging Paging { get; init; } = FeedPaging.None;
}

/// <summary>RFC 5005 paged-feed links (JSON Feed carries only <see cref="Next"/> as <c>next_url</c>).</summary>
public sealed record FeedPaging(Uri? First, Uri? Next, Uri? Previous, Uri? Last)
{
    public static readonly FeedPaging None = new(null, null, null, null);

    /// <summary>The links there are, each with its RFC 5005 relation, in the order the feeds list them.</summary>
    public IEnumerable<(string Relation, Uri Href)> Links()
    {
        foreach (var (relation, href) in new[] { ("first", First), ("next", Next), ("previous", Previous), ("last", Last) })
        {
            if (href is not null)
            {
                yield return (relation, href);
            }
        }
    }
}
