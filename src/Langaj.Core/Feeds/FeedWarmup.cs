using Azure;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Langaj.Core.Feeds;

/// <summary>
/// Warms a new instance up in the background: the feeds' first pages go into memory, and the code that
/// reads them is compiled, before a reader asks. A failure only means the first reader waits.
/// </summary>
public sealed class FeedWarmup(FeedService feeds, ILogger<FeedWarmup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await feeds.WarmUpAsync(stoppingToken);
        }
        catch (Exception e) when (e is RequestFailedException or InvalidOperationException or IOException)
        {
            logger.WarmUpSkipped(e);
        }
    }
}
