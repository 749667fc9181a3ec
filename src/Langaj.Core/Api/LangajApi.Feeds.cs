using Langaj.Core.Feeds;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Api;

// The feed routes: RSS, Atom, JSON Feed and the OPML list, served from pre-rendered bytes.
public static partial class LangajApi
{
    public static Task<IResult> GetRssFeed(HttpRequest request, FeedService feeds, CancellationToken cancellationToken) => throw new NotImplementedException();

    public static Task<IResult> GetAtomFeed(HttpRequest request, FeedService feeds, CancellationToken cancellationToken) => throw new NotImplementedException();

    public static Task<IResult> GetJsonFeed(HttpRequest request, FeedService feeds, CancellationToken cancellationToken) => throw new NotImplementedException();

    public static Task<IResult> GetOpml(HttpRequest request, FeedService feeds, CancellationToken cancellationToken) => throw new NotImplementedException();
}
