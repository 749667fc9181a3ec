using System.Diagnostics.CodeAnalysis;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Scraping;

/// <summary>
/// Fans scraping out over an Azure Storage queue: the timer enqueues one message per due source,
/// workers (queue-triggered functions, or the local host's worker) process them one source at a time.
/// A message that keeps failing goes to the poison queue, as the Functions runtime does.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is the Azure Storage queue of scrape requests.")]
public sealed class ScrapeQueue(
    QueueServiceClient queues, ScrapeRunner runner, SourceCatalog catalog, SourceStateStore states, SourceLeases leases,
    IOptions<StorageOptions> storage, TimeProvider time, ILogger<ScrapeQueue> logger)
{
    /// <summary>The queue's name, after <see cref="StorageOptions.NamePrefix"/>.</summary>
    public const string QueueName = "scrape-requests";

    /// <summary>
    /// The app setting the Functions app's queue trigger takes its queue's name from (<c>%ScrapeQueueName%</c>):
    /// the Functions host resolves it, not the worker, so it cannot follow Storage:NamePrefix by itself.
    /// </summary>
    public const string QueueNameSetting = "ScrapeQueueName";

    /// <summary>A message dequeued this often without completing goes to the poison queue.</summary>
    public const int MaxDequeueCount = 5;

    // Long enough for one source's scrape; a worker that dies lets the message reappear after it.
    private static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(10);

    private QueueClient Queue => queues.GetQueueClient(storage.Value.Name(QueueName));

    private QueueClient PoisonQueue => queues.GetQueueClient(storage.Value.Name(QueueName + "-poison"));

    /// <summary>
    /// Null when <paramref name="triggerQueueName"/> (the <see cref="QueueNameSetting"/> setting) is the queue this
    /// class sends to; else the problem, naming both settings and the value to give: messages would wait on a queue
    /// no trigger listens to.
    /// </summary>
    public static string? TriggerQueueMismatch(string? triggerQueueName, StorageOptions storage)
    {
        var queueName = storage.Name(QueueName);
        return triggerQueueName == queueName
            ? null
            : $"{QueueNameSetting} is '{triggerQueueName}' but scrape requests go to '{queueName}' (Storage:NamePrefix '{storage.NamePrefix}' + '{QueueName}'): set {QueueNameSetting} to '{queueName}'.";
    }

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    /// <summary>Enqueues one message per source whose schedule is due (both hosts' timers call this).</summary>
    public async Task EnqueueDueSourcesAsync(CancellationToken cancellationToken) =>
        await EnqueueAllAsync(await runner.DueSourcesAsync(cancellationToken), cancellationToken);

    /// <summary>Enqueues one message per source given.</summary>
    public async Task EnqueueAllAsync(IReadOnlyCollection<SourceDefinition> sources, CancellationToken cancellationToken)
    {
        foreach (var source in sources)
        {
            await EnqueueAsync(source.Id, cancellationToken);
        }
        if (sources.Count > 0)
        {
            logger.Queued(sources.Count);
        }
    }

    public async Task EnqueueAsync(string sourceId, CancellationToken cancellationToken) =>
        await Queue.SendMessageAsync(sourceId, cancellationToken);

    /// <summary>
    /// An operator's "scrape this source now", paused or not: queued for a worker, so the request answers at once
    /// (a whole scrape would outlast the front end's HTTP timeout). Refused while a run of the source holds its lease.
    /// </summary>
    public async Task<ScrapeRequestOutcome> RequestAsync(string sourceId, CancellationToken cancellationToken)
    {
        await catalog.RevalidateAsync(cancellationToken);
        if (catalog.Find(sourceId) is null)
        {
            return ScrapeRequestOutcome.UnknownSource;
        }
        if (await leases.IsHeldAsync(sourceId, cancellationToken))
        {
            return ScrapeRequestOutcome.AlreadyRunning;
        }
        // Recorded first, so the source's status says "queued" from the moment the message can be taken.
        await states.RecordScrapeRequestAsync(sourceId, time.GetUtcNow(), cancellationToken);
        await EnqueueAsync(sourceId, cancellationToken);
        return ScrapeRequestOutcome.Queued;
    }

    /// <summary>
    /// Takes one message and scrapes its source; false when the queue was empty.
    /// </summary>
    public async Task<bool> ProcessNextAsync(CancellationToken cancellationToken)
    {
        QueueMessage? message = await Queue.ReceiveMessageAsync(VisibilityTimeout, cancellationToken);
        if (message is null)
        {
            return false;
        }
        var sourceId = message.Body.ToString();
        if (message.DequeueCount > MaxDequeueCount)
        {
            logger.Poisoned(sourceId, message.DequeueCount - 1);
            await PoisonQueue.SendMessageAsync(sourceId, cancellationToken);
            await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            return true;
        }
        await ProcessAsync(sourceId, message.InsertedOn, cancellationToken);
        await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
        return true;
    }

    /// <summary>
    /// What a queue-triggered function does with one message (the runtime deletes it on success). Duplicate
    /// messages are harmless: the source lease lets one worker in at a time, and a message older than the
    /// source's last run has been served by that run.
    /// </summary>
    public async Task ProcessAsync(string sourceId, DateTimeOffset? enqueuedAt, CancellationToken cancellationToken)
    {
        // Queue stamps are in whole seconds, rounded down: only a run that started a second after the stamp
            // surely started after the message was sent (a scrape asked for just after a run must not be skipped).
        if (enqueuedAt is { } stamp && (await states.GetAsync(sourceId, cancellationToken))?.LastRunStarted >= stamp + TimeSpan.FromSeconds(1))
        {
            logger.AlreadyServed(sourceId);
            return;
        }
        if (await runner.RunSourceAsync(sourceId, cancellationToken) is not { } report)
        {
            // A source removed from the configuration after its message was queued: nothing to do, not a failure.
            logger.UnknownSourceDropped(sourceId);
            return;
        }
        if (report.StorageUnavailable)
        {
            // Thrown so the message stays: retried, then poisoned after MaxDequeueCount, instead of lost.
            throw new InvalidOperationException($"Scrape of {sourceId} stopped: {report.Error}");
        }
        logger.Scraped(
            sourceId, report.New, report.Updated, report.Failed, report.Error is null ? "" : ": " + report.Error);
    }
}

public enum ScrapeRequestOutcome { Queued, UnknownSource, AlreadyRunning }
