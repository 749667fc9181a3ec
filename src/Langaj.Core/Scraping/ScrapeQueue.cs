namespace Langaj.Core.Scraping;

/// <summary>
/// Fans scraping out over an Azure Storage queue: the timer enqueues one message per due source,
/// workers (queue-triggered functions, or the local host's worker) process them one source at a time.
/// </summary>
public sealed class ScrapeQueue
{
    /// <summary>The queue's name, for the Functions app's QueueTrigger.</summary>
    public const string QueueName = "scrape-requests";

    /// <summary>Enqueues one message per source whose schedule is due; returns how many.</summary>
    public Task<int> EnqueueDueSourcesAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
}
