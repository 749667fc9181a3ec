using Azure.Storage.Queues.Models;
using Langaj.Core.Scraping;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>
/// Scheduled scraping, fanned out: the timer enqueues one message per due source, and each message is
/// scraped by its own invocation, so one slow site neither delays the others nor runs into the timeout.
/// </summary>
public sealed class ScrapeFunctions(ScrapeQueue queue)
{
    [Function("EnqueueDueSources")]
    public Task EnqueueDueSources([TimerTrigger("%ScrapeSchedule%")] TimerInfo timer, CancellationToken cancellationToken) =>
        queue.EnqueueDueSourcesAsync(cancellationToken);

    // No Connection: the trigger reads through the host's AzureWebJobsStorage connection (WebJobs resolves
    // any name "X" to "AzureWebJobsX" first, so "Storage" would land there too). It is the same account
    // that ScrapeQueue writes to through Storage__QueueServiceUri: infra/main.bicep deploys one.
    // The queue's name is an app setting the host resolves; the worker refuses to start unless it is
    // Storage:NamePrefix + "scrape-requests", where ScrapeQueue sends (RequireScrapeQueueNameSetting).
    // The runtime deletes the message on success, retries it on failure and poisons it after
    // host.json's maxDequeueCount, which matches ScrapeQueue.MaxDequeueCount.
    [Function("ScrapeQueuedSource")]
    public Task ScrapeQueuedSource([QueueTrigger("%ScrapeQueueName%")] QueueMessage message, CancellationToken cancellationToken) =>
        queue.ProcessAsync(message.Body.ToString(), message.InsertedOn, cancellationToken);
}
