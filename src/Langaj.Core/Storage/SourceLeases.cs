using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Storage;

/// <summary>
/// One scrape of a source at a time, across every instance: a blob lease on <c>leases/{sourceId}</c>, renewed in
/// the background while held and released on dispose. A holder that dies without releasing loses the lease when
/// it expires (<see cref="StorageOptions.LeaseDuration"/>, 60 s by default).
/// </summary>
public sealed class SourceLeases(BlobServiceClient blobs, IOptions<StorageOptions> options, TimeProvider time, ILogger<SourceLeases> logger)
{
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(options.Value.Name("leases"));
    private readonly TimeSpan _duration = options.Value.LeaseDuration;

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken) =>
        await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);

    /// <summary>The lease on the source, to dispose when done; null when another holder has it.</summary>
    public async Task<IAsyncDisposable?> TryAcquireAsync(string sourceId, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(sourceId);
        await EnsureBlobAsync(blob, cancellationToken);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(_duration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return null;
        }
        return new HeldLease(lease, sourceId, _duration, time, logger);
    }

    /// <summary>True while some instance holds the source's lease, i.e. a scrape of it is running.</summary>
    public async Task<bool> IsHeldAsync(string sourceId, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _container.GetBlobClient(sourceId).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.LeaseState == LeaseState.Leased;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Never scraped.
            return false;
        }
    }

    private async Task EnsureBlobAsync(BlobClient blob, CancellationToken cancellationToken)
    {
        // Only if absent: writing over a leased blob would fail, and over a free one would change nothing useful.
        var ifAbsent = new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } };
        try
        {
            await blob.UploadAsync(BinaryData.Empty, ifAbsent, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // There already.
        }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound)
        {
            await EnsureCreatedAsync(cancellationToken);
            await EnsureBlobAsync(blob, cancellationToken);
        }
    }

    private sealed class HeldLease : IAsyncDisposable
    {
        private readonly BlobLeaseClient _lease;
        private readonly string _sourceId;
        private readonly ILogger _logger;
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _renewing;
        private int _disposed;

        public HeldLease(BlobLeaseClient lease, string sourceId, TimeSpan duration, TimeProvider time, ILogger logger)
        {
            (_lease, _sourceId, _logger) = (lease, sourceId, logger);
            // A third of the duration: two renewals may fail before the lease is lost.
            _renewing = RenewAsync(duration / 3, time, _stop.Token);
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            try
            {
                await _lease.ReleaseAsync();
            }
            catch (RequestFailedException e)
            {
                // It expires on its own; until then the source waits. One line: storage down is no bug to trace.
                _logger.LeaseNotReleased(_sourceId, e);
            }
        }

        private async Task RenewAsync(TimeSpan period, TimeProvider time, CancellationToken cancellationToken)
        {
            using var timer = new PeriodicTimer(period, time);
            try
            {
                while (await timer.WaitForNextTickAsync(cancellationToken))
                {
                    try
                    {
                        await _lease.RenewAsync(cancellationToken: cancellationToken);
                    }
                    catch (RequestFailedException e) when (e.Status == 409)
                    {
                        _logger.LeaseLost(_sourceId, e);
                        return;
                    }
                    catch (RequestFailedException e)
                    {
                        _logger.LeaseNotRenewed(_sourceId, e);
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Disposed.
            }
        }
    }
}
