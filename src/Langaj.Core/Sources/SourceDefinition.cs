using Langaj.Core.Extraction;

namespace Langaj.Core.Sources;

/// <summary>How a source's new articles are found.</summary>
public enum DiscoveryKind
{
    /// <summary>The site's own RSS or Atom feed.</summary>
    Feed,
    /// <summary>A sitemap, sitemap index or Google News sitemap.</summary>
    Sitemap,
    /// <summary>A page whose links, picked by a CSS selector, are articles.</summary>
    Listing,
}

/// <summary>One source site (an entry of <c>sources.json</c>, or added through the operator API).</summary>
public sealed record SourceDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>BCP 47 language tag of the source, e.g. <c>fr</c>.</summary>
    public required string Language { get; init; }
    public required DiscoveryKind Discovery { get; init; }
    public required Uri DiscoveryUrl { get; init; }
    /// <summary>CSS selector of article links; only for <see cref="DiscoveryKind.Listing"/>.</summary>
    public string? LinkSelector { get; init; }
    public string? ContentSelector { get; init; }
    public IReadOnlyList<string> RemoveSelectors { get; init; } = [];
    /// <summary>Cron expression (5 fields, UTC); null means the default schedule.</summary>
    public string? Schedule { get; init; }
    /// <summary>Allows fetching from loopback and private networks (refused otherwise).</summary>
    public bool AllowPrivateAddresses { get; init; }
    /// <summary>IANA time zone of the source (e.g. <c>America/Port-au-Prince</c>), for dates its pages give without an offset; null reads them as UTC.</summary>
    public string? TimeZone { get; init; }
    /// <summary>Set by an operator (API or CLI), never by <c>sources.json</c>: a paused source is not scraped on schedule.</summary>
    public bool Paused { get; init; }

    /// <summary>What extraction needs to know about the source: its selectors and its time zone.</summary>
    public ExtractionRules ExtractionRules() =>
        new(ContentSelector, RemoveSelectors) { TimeZone = TimeZone is { } id ? TimeZoneInfo.FindSystemTimeZoneById(id) : null };
}
