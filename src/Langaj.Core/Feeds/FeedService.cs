namespace Langaj.Core.Feeds;

/// <summary>Builds the feeds that the API serves from stored articles.</summary>
public sealed class FeedService;
