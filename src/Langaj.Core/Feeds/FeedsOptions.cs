namespace Langaj.Core.Feeds;

/// <summary>How feeds are addressed and cached; configuration section <c>Feeds</c>.</summary>
public sealed class FeedsOptions
{
    public const string SectionName = "Feeds";

    /// <summary>
    /// <c>Feeds:PublicBaseUrl</c>: where readers reach the API (e.g. <c>https://langaj.example/</c>); every
    /// absolute URL in a feed (self, paging, OPML) starts with it. Required: a feed cannot be written
    /// without it, and guessing it from the request would let a Host header choose what is cached.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary><c>Feeds:Title</c>: the name of the all-articles feed and of the OPML list.</summary>
    public string Title { get; set; } = "Langaj";

    /// <summary>
    /// <c>Feeds:RevalidateAfter</c>: how long an instance serves its in-memory copy of a pre-rendered
    /// feed before asking Blob Storage (conditionally, by ETag) whether another instance replaced it.
    /// </summary>
    public TimeSpan RevalidateAfter { get; set; } = TimeSpan.FromSeconds(5);
}
