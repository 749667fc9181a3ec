namespace Langaj.Core.Feeds;

/// <summary>The XML namespaces the feeds use beyond their own format.</summary>
internal static class FeedNamespaces
{
    public const string Atom = "http://www.w3.org/2005/Atom";
    public const string Content = "http://purl.org/rss/1.0/modules/content/";
    public const string DublinCore = "http://purl.org/dc/elements/1.1/";
}
