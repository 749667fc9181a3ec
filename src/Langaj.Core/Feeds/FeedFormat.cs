namespace Langaj.Core.Feeds;

/// <summary>The syndication formats every feed is served in.</summary>
public enum FeedFormat { Rss, Atom, Json }

internal static class FeedFormats
{
    public static readonly FeedFormat[] All = [FeedFormat.Rss, FeedFormat.Atom, FeedFormat.Json];

    public static string ContentType(this FeedFormat format) => format switch
    {
        FeedFormat.Rss => "application/rss+xml; charset=utf-8",
        FeedFormat.Atom => "application/atom+xml; charset=utf-8",
        FeedFormat.Json => "application/feed+json; charset=utf-8",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The route's last segment: <c>/api/feeds/rss</c>, <c>/api/feeds/atom</c>, <c>/api/feeds/json</c>.</summary>
    public static string RouteName(this FeedFormat format) => format switch
    {
        FeedFormat.Rss => "rss",
        FeedFormat.Atom => "atom",
        FeedFormat.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    public static byte[] Write(this FeedFormat format, FeedDocument document) => format switch
    {
        FeedFormat.Rss => RssFeedWriter.Write(document),
        FeedFormat.Atom => AtomFeedWriter.Write(document),
        FeedFormat.Json => JsonFeedWriter.Write(document),
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };
}
