using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Langaj.Core.Scraping.Discovery;
using Langaj.Core.Sources;
using Langaj.Core.Storage;

namespace Langaj.Core.Scraping;

/// <summary>
/// A source as operators see it: its entry (as <c>sources.json</c> holds it), whether it is paused, whether a run is
/// <c>running</c> (its lease is held), <c>queued</c> (asked for since the last run started) or <c>idle</c>, and its last run.
/// </summary>
public sealed record SourceStatus(
    string Id,
    string Name,
    bool Paused,
    string Run,
    DateTimeOffset? ScrapeRequested,
    DateTimeOffset? LastRun,
    DateTimeOffset? LastRunEnded,
    DateTimeOffset? LastSuccess,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    int Found,
    int New,
    int Updated,
    int Unchanged,
    int Failed,
    JsonObject Definition)
{
    /// <summary>Only in the answer to adding or replacing a source that gave just its site: what discovery found there.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SiteDiscovered? Discovered { get; init; }
}

/// <summary>What discovery found from a site's home page: <c>feed</c> or <c>sitemap</c>, its URL, and where it was named.</summary>
public sealed record SiteDiscovered(string Kind, Uri Url, string FoundAt)
{
    public static SiteDiscovered From(FoundDiscovery found) => new(found.Kind.ToString().ToLowerInvariant(), found.Url, found.FoundAt);
}

/// <summary>Reads <see cref="SourceStatus"/> from the catalog, the stored source states and the source leases.</summary>
public sealed class SourceStatuses(SourceCatalog catalog, SourceStateStore states, SourceLeases leases)
{
    public async Task<IReadOnlyList<SourceStatus>> ListAsync(CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        var byId = (await states.ListAsync(cancellationToken)).ToDictionary(s => s.SourceId);
        var statuses = new List<SourceStatus>();
        foreach (var source in catalog.Sources)
        {
            statuses.Add(Describe(source, byId.GetValueOrDefault(source.Id), await leases.IsHeldAsync(source.Id, cancellationToken)));
        }
        return statuses;
    }

    /// <summary>Null for an unknown source.</summary>
    public async Task<SourceStatus?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        return catalog.Find(id) is { } source
            ? Describe(source, await states.GetAsync(id, cancellationToken), await leases.IsHeldAsync(id, cancellationToken))
            : null;
    }

    private static SourceStatus Describe(SourceDefinition source, SourceState? state, bool running)
    {
        var health = HealthService.Describe(source, state);
        var queued = state?.ScrapeRequested is { } requested && (state.LastRunStarted is null || requested > state.LastRunStarted);
        return new SourceStatus(
            source.Id, source.Name, source.Paused, running ? "running" : queued ? "queued" : "idle", state?.ScrapeRequested,
            health.LastRun, state?.LastRunEnded, health.LastSuccess, health.LastError, health.LastErrorAt,
            health.Found, health.New, health.Updated, health.Unchanged, health.Failed, SourcesFile.ToJson(source));
    }
}
