using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Langaj.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Sources;

/// <summary>The sources shipped with the app (<c>sources.json</c>, or the demo's): applied to storage at each start.</summary>
public sealed record ConfiguredSources(IReadOnlyList<SourceDefinition> Sources);

/// <summary>
/// The sources, kept in Table Storage (table <c>sourcedefinitions</c>, one partition, <c>RK = id</c>, the entry as
/// <c>sources.json</c> holds it plus whether it is paused) so operators change them without a redeploy. Each instance
/// serves a copy and reads the table again once <see cref="SourcesOptions.RevalidateAfter"/> has passed; until
/// the table is first read (or while storage is down) the copy is the configured sources.
/// </summary>
public sealed class SourceCatalog(
    TableServiceClient tables, IOptions<StorageOptions> storage, IOptions<SourcesOptions> options, ConfiguredSources configured,
    TimeProvider time, ILogger<SourceCatalog> logger) : IDisposable
{
    private const string Partition = "source";
    private const string DefinitionProperty = "Definition";

    private readonly TableClient _table = tables.GetTableClient(storage.Value.Name("sourcedefinitions"));
    private readonly SemaphoreSlim _reading = new(1, 1);
    private Snapshot _snapshot = new([.. configured.Sources], DateTimeOffset.MinValue);

    private sealed record Snapshot(IReadOnlyList<SourceDefinition> Sources, DateTimeOffset ReadAt);

    /// <summary>Every source, paused ones included, as last read (<see cref="RevalidateAsync"/> first).</summary>
    public IReadOnlyList<SourceDefinition> Sources => Volatile.Read(ref _snapshot).Sources;

    public SourceDefinition? Find(string id) =>
        Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));

    /// <summary>Creates the table if absent and applies the configured sources (added or updated; paused ones stay paused, others stay).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await _table.CreateIfNotExistsAsync(cancellationToken);
        foreach (var source in configured.Sources)
        {
            await _table.UpsertEntityAsync(Row(source), TableUpdateMode.Merge, cancellationToken);
        }
        await ReadAsync(cancellationToken);
    }

    /// <summary>
    /// Reads the table again when the copy is older than <see cref="SourcesOptions.RevalidateAfter"/>. Never throws
    /// for storage: feeds served from memory must not fail because the sources could not be read; the copy is kept.
    /// </summary>
    public async Task RevalidateAsync(CancellationToken cancellationToken)
    {
        if (!IsStale())
        {
            return;
        }
        await _reading.WaitAsync(cancellationToken);
        try
        {
            if (!IsStale())
            {
                return; // read by another caller meanwhile
            }
            try
            {
                await ReadAsync(cancellationToken);
            }
            catch (RequestFailedException e)
            {
                logger.SourcesUnreadable(e);
                Volatile.Write(ref _snapshot, _snapshot with { ReadAt = time.GetUtcNow() });
            }
        }
        finally
        {
            _reading.Release();
        }
    }

    /// <summary>Adds or replaces a source (a paused one stays paused); true when it is new.</summary>
    public async Task<bool> PutAsync(SourceDefinition source, CancellationToken cancellationToken)
    {
        var existed = (await _table.GetEntityIfExistsAsync<TableEntity>(Partition, source.Id, cancellationToken: cancellationToken)).HasValue;
        await _table.UpsertEntityAsync(Row(source), TableUpdateMode.Merge, cancellationToken);
        await ReadAsync(cancellationToken);
        return !existed;
    }

    /// <summary>Pauses or resumes a source; false when there is no such source.</summary>
    public async Task<bool> SetPausedAsync(string id, bool paused, CancellationToken cancellationToken)
    {
        try
        {
            await _table.UpdateEntityAsync(new TableEntity(Partition, id) { [nameof(SourceDefinition.Paused)] = paused }, ETag.All, TableUpdateMode.Merge, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
        await ReadAsync(cancellationToken);
        return true;
    }

    /// <summary>Whether the table holds the source (one point read, not the copy).</summary>
    public async Task<bool> ContainsAsync(string id, CancellationToken cancellationToken) =>
        (await _table.GetEntityIfExistsAsync<TableEntity>(Partition, id, cancellationToken: cancellationToken)).HasValue;

    /// <summary>Removes a source (its articles and state stay); false when there is no such source.</summary>
    public async Task<bool> DeleteAsync(string id, CancellationToken cancellationToken)
    {
        if (!await ContainsAsync(id, cancellationToken))
        {
            return false;
        }
        await _table.DeleteEntityAsync(Partition, id, ETag.All, cancellationToken);
        await ReadAsync(cancellationToken);
        return true;
    }

    private bool IsStale() => time.GetUtcNow() - Volatile.Read(ref _snapshot).ReadAt >= options.Value.RevalidateAfter;

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var sources = new List<SourceDefinition>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"), cancellationToken: cancellationToken))
        {
            try
            {
                using var entry = JsonDocument.Parse(row.GetString(DefinitionProperty) ?? "null");
                sources.Add(SourcesFile.ParseEntry(entry.RootElement, row.RowKey) with { Paused = row.GetBoolean(nameof(SourceDefinition.Paused)) ?? false });
            }
            catch (Exception e) when (e is SourcesFileException or JsonException)
            {
                // Checked when written; a setting that no longer holds (a time zone gone from the system) skips this source only.
                logger.StoredSourceInvalid(row.RowKey, e.Message);
            }
        }
        Volatile.Write(ref _snapshot, new Snapshot(sources, time.GetUtcNow()));
    }

    public void Dispose() => _reading.Dispose();

    private static TableEntity Row(SourceDefinition source) =>
        new(Partition, source.Id) { [DefinitionProperty] = SourcesFile.ToJson(source).ToJsonString() };
}
