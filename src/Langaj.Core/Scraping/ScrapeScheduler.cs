using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Scraping;

/// <summary>
/// The local host's timer: every source once at start, then each source when its schedule is due;
/// like the Functions app's timer, it only enqueues, and <see cref="ScrapeWorker"/> does the work.
/// </summary>
public sealed class ScrapeScheduler(ScrapeQueue queue, ScrapeRunner runner, IOptions<ScrapeOptions> options, ILogger<ScrapeScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SchedulerTick);
        var first = true;
        do
        {
            try
            {
                await (first ? queue.EnqueueAllAsync(runner.Sources, stoppingToken) : queue.EnqueueDueSourcesAsync(stoppingToken));
                first = false;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.QueueingFailed(e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>The local host's queue worker: what the Functions app's queue trigger does, in-process.</summary>
public sealed class ScrapeWorker(ScrapeQueue queue, ILogger<ScrapeWorker> logger) : BackgroundService
{
    private static readonly TimeSpan IdleDelay = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (!await queue.ProcessNextAsync(stoppingToken))
                {
                    await Task.Delay(IdleDelay, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.WorkerFailed(e);
                await Task.Delay(IdleDelay, stoppingToken);
            }
        }
    }
}
