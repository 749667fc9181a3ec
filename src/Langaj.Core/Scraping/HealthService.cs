using Azure;
using Langaj.Core.Sources;
using Langaj.Core.Storage;

namespace Langaj.Core.Scraping;

/// <summary>One source's last runs, as <c>/api/health</c> shows them.</summary>
public sealed record SourceHealth(
    string Id,
    string Name,
    DateTimeOffset? LastRun,
    DateTimeOffset? LastSuccess,
    string? LastError,
    DateTimeOffset? LastErrorAt,
    int Found,
    int New,
    int Updated,
    int Unchanged,
    int Failed)
{
    /// <summary>True when the source's latest run failed: its last good articles and feeds are still served.</summary>
    public bool Failing => LastErrorAt is not null && (LastSuccess is null || LastErrorAt > LastSuccess);
}

/// <summary>What <c>/api/health</c> answers: <c>ok</c>, <c>degraded</c> (a source failing) or <c>unavailable</c> (storage down).</summary>
public sealed record HealthReport(string Status, bool StorageReachable, string? StorageError, IReadOnlyList<SourceHealth> Sources);

/// <summary>Checks storage with one cheap query and reports each configured source's last run.</summary>
public sealed class HealthService(SourceCatalog catalog, SourceStateStore states, StorageReadiness readiness)
{
    public async Task<HealthReport> CheckAsync(CancellationToken cancellationToken)
    {
        if (readiness.Cause is { } notReady)
        {
            return new HealthReport("unavailable", false, notReady, [.. catalog.Sources.Select(s => Describe(s, null))]);
        }
        await catalog.RevalidateAsync(cancellationToken);
        IReadOnlyList<SourceState> known;
        try
        {
            known = await states.ListAsync(cancellationToken);
        }
        catch (RequestFailedException e)
        {
            return new HealthReport("unavailable", false, StorageFailure.Describe(e), [.. catalog.Sources.Select(s => Describe(s, null))]);
        }
        var byId = known.ToDictionary(s => s.SourceId);
        var sources = catalog.Sources.Select(s => Describe(s, byId.GetValueOrDefault(s.Id))).ToList();
        return new HealthReport(sources.Any(s => s.Failing) ? "degraded" : "ok", true, null, sources);
    }

    internal static SourceHealth Describe(SourceDefinition source, SourceState? state) => new(
        source.Id,
        source.Name,
        state?.LastRunStarted,
        state?.LastSuccess,
        state?.LastError,
        state?.LastErrorAt,
        state?.Found ?? 0,
        state?.New ?? 0,
        state?.Updated ?? 0,
        state?.Unchanged ?? 0,
        state?.Failed ?? 0);
}
