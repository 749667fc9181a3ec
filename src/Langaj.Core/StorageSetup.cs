using Langaj.Core.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Langaj.Core;

/// <summary>
/// Creates Langaj's containers, tables and queues in the background, for a host that must answer before
/// storage does: the Functions host restarts a worker that does not connect, and on a first deploy storage
/// refuses (403) for minutes while role assignments propagate. Retries with backoff until it succeeds;
/// <see cref="StorageReadiness"/> says meanwhile why storage is not ready.
/// </summary>
public sealed class StorageSetup(IServiceProvider services, StorageReadiness readiness, TimeProvider time, ILogger<StorageSetup> logger) : BackgroundService
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(1);

    // Role assignments take minutes to propagate: once storage lets us in, we are ready within this.
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var retry = FirstRetry; ; retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks)))
        {
            try
            {
                await services.EnsureLangajStorageAsync(stoppingToken);
                logger.StorageReady();
                return;
            }
            // Whatever stands in the way (refused, unreachable, no credential) may pass: keep trying, say why.
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                readiness.Failed(e, time.GetUtcNow() + retry);
                logger.StorageNotReady(readiness.Cause, retry, e);
            }
            await Task.Delay(retry, time, stoppingToken);
        }
    }
}
