using Azure.Data.Tables;
using Langaj.Core.Fetching;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Storage;

/// <summary>A finished run of one source as <see cref="SourceStateStore.RecordRunAsync"/> keeps it: its times, counts and error (null: it succeeded).</summary>
public sealed record SourceRun(string SourceId, DateTimeOffset Started, DateTimeOffset Ended)
{
    public int Found { get; init; }
    public int New { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
    public int Failed { get; init; }
    public string? Error { get; init; }
}

/// <summary>What Langaj remembers of a source between runs: discovery validators, and how its last runs went.</summary>
public sealed record SourceState(string SourceId)
{
    /// <summary>The discovery document's ETag, for a conditional GET next time.</summary>
    public string? DiscoveryETag { get; init; }
    /// <summary>The discovery document's Last-Modified, for a conditional GET next time.</summary>
    public DateTimeOffset? DiscoveryLastModified { get; init; }
    public DateTimeOffset? LastRunStarted { get; init; }
    public DateTimeOffset? LastRunEnded { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    /// <summary>Why the last failed run failed; kept after later successes (compare <see cref="LastErrorAt"/> with <see cref="LastSuccess"/>).</summary>
    public string? LastError { get; init; }
    public DateTimeOffset? LastErrorAt { get; init; }
    /// <summary>When an operator last asked for a scrape (queued); served once a run starts after it.</summary>
    public DateTimeOffset? ScrapeRequested { get; init; }
    public int Found { get; init; }
    public int New { get; init; }
    public int Updated { get; init; }
    public int Unchanged { get; init; }
    public int Failed { get; init; }
    /// <summary>The links whose article failed in the last run that reached them: fetched again next run, even after a 304.</summary>
    public IReadOnlyList<Uri> FailedLinks { get; init; } = [];

    /// <summary>The validators to send when fetching the discovery document again; null when there are none.</summary>
    public ConditionalRequest? DiscoveryValidators =>
        DiscoveryETag is null && DiscoveryLastModified is null ? null : new ConditionalRequest(DiscoveryETag, DiscoveryLastModified);
}

/// <summary>
/// Per-source state in Table Storage (table <c>sources</c>, one partition, <c>RK = sourceId</c>), for /api/health
/// and for conditional discovery requests.
/// </summary>
public sealed class SourceStateStore(TableServiceClient tables, IOptions<StorageOptions> options)
{
    private const string Partition = "source";
    private const int MaxFailedLinks = 200;

    private readonly TableClient _table = tables.GetTableClient(options.Value.Name("sources"));

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _table.CreateIfNotExistsAsync(cancellationToken);

    /// <summary>Null when the source has never run.</summary>
    public async Task<SourceState?> GetAsync(string sourceId, CancellationToken cancellationToken)
    {
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, sourceId, cancellationToken: cancellationToken);
        return row.HasValue ? Read(row.Value!) : null;
    }

    /// <summary>Every source that has run, in id order (one partition query).</summary>
    public async Task<IReadOnlyList<SourceState>> ListAsync(CancellationToken cancellationToken)
    {
        var states = new List<SourceState>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            states.Add(Read(row));
        }
        return states;
    }

    /// <summary>Records that a scrape of the source was queued at <paramref name="at"/>, leaving the rest of its state as it is.</summary>
    public async Task RecordScrapeRequestAsync(string sourceId, DateTimeOffset at, CancellationToken cancellationToken) =>
        await _table.UpsertEntityAsync(new TableEntity(Partition, sourceId) { [nameof(SourceState.ScrapeRequested)] = at }, TableUpdateMode.Merge, cancellationToken);

    /// <summary>
    /// Records a finished run: its times and counts, its error if it failed (else the success time), and the discovery
    /// validators when <paramref name="discoveryValidators"/> is given (null keeps the stored ones, e.g. after a 304 or a failure).
    /// </summary>
    /// <param name="failedLinks">The links to retry next run; null keeps the stored ones (discovery failed: nothing was tried).</param>
    public async Task RecordRunAsync(
        SourceRun report, ConditionalRequest? discoveryValidators, IReadOnlyCollection<Uri>? failedLinks, CancellationToken cancellationToken)
    {
        var ended = report.Ended;
        var row = new TableEntity(Partition, report.SourceId)
        {
            [nameof(SourceState.LastRunStarted)] = report.Started,
            [nameof(SourceState.LastRunEnded)] = ended,
            [nameof(SourceState.Found)] = report.Found,
            [nameof(SourceState.New)] = report.New,
            [nameof(SourceState.Updated)] = report.Updated,
            [nameof(SourceState.Unchanged)] = report.Unchanged,
            [nameof(SourceState.Failed)] = report.Failed,
        };
        if (report.Error is { } error)
        {
            row[nameof(SourceState.LastError)] = error;
            row[nameof(SourceState.LastErrorAt)] = ended;
        }
        else
        {
            row[nameof(SourceState.LastSuccess)] = ended;
        }
        if (discoveryValidators is not null)
        {
            // Both written together, so a validator the server stopped sending does not linger.
            row[nameof(SourceState.DiscoveryETag)] = discoveryValidators.ETag ?? "";
            row[nameof(SourceState.DiscoveryLastModified)] = discoveryValidators.LastModified ?? DateTimeOffset.MinValue;
        }
        if (failedLinks is not null)
        {
            // One string property (64 KiB at most): a few hundred links, more than one run's worth of articles.
            row[nameof(SourceState.FailedLinks)] = string.Join('\n', failedLinks.Take(MaxFailedLinks).Select(l => l.AbsoluteUri));
        }
        // Merge: what this run does not say (the last error after a success, validators) stays as it was.
        await _table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
    }

    /// <summary>Forgets the source's state (idempotent).</summary>
    public async Task DeleteAsync(string sourceId, CancellationToken cancellationToken) =>
        await _table.DeleteEntityAsync(Partition, sourceId, Azure.ETag.All, cancellationToken);

    private static SourceState Read(TableEntity row) => new(row.RowKey)
    {
        DiscoveryETag = row.GetString(nameof(SourceState.DiscoveryETag)) is { Length: > 0 } etag ? etag : null,
        DiscoveryLastModified = row.GetDateTimeOffset(nameof(SourceState.DiscoveryLastModified)) is { } modified && modified != DateTimeOffset.MinValue ? modified : null,
        LastRunStarted = row.GetDateTimeOffset(nameof(SourceState.LastRunStarted)),
        LastRunEnded = row.GetDateTimeOffset(nameof(SourceState.LastRunEnded)),
        LastSuccess = row.GetDateTimeOffset(nameof(SourceState.LastSuccess)),
        LastError = row.GetString(nameof(SourceState.LastError)),
        LastErrorAt = row.GetDateTimeOffset(nameof(SourceState.LastErrorAt)),
        ScrapeRequested = row.GetDateTimeOffset(nameof(SourceState.ScrapeRequested)),
        Found = row.GetInt32(nameof(SourceState.Found)) ?? 0,
        New = row.GetInt32(nameof(SourceState.New)) ?? 0,
        Updated = row.GetInt32(nameof(SourceState.Updated)) ?? 0,
        Unchanged = row.GetInt32(nameof(SourceState.Unchanged)) ?? 0,
        Failed = row.GetInt32(nameof(SourceState.Failed)) ?? 0,
        // [] is the shared empty array, so two states without failed links compare equal.
        FailedLinks = row.GetString(nameof(SourceState.FailedLinks)) is { Length: > 0 } links
            ? [.. links.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => new Uri(l))]
            : [],
    };
}
