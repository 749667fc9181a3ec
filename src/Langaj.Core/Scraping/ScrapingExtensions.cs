using Langaj.Core.Scraping.Discovery;
using Langaj.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Scraping;

public static class ScrapingExtensions
{
    /// <summary>
    /// Registers the pipeline that runs the steps (discovery, <see cref="ScrapeRunner"/>, <see cref="ScrapeQueue"/>) and
    /// what operators do with sources and articles; <see cref="ScrapeOptions"/> from section <c>Scrape</c>. It stands on
    /// the areas upstream (fetching, extraction, storage, sources, feeds), which <c>AddLangajCore</c> adds.
    /// </summary>
    public static IHostApplicationBuilder AddLangajScraping(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ScrapeOptions>().BindConfiguration(ScrapeOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ScrapeOptions>, ScrapeOptionsValidator>();
        services.TryAddSingleton<ArticleDiscovery>();
        services.TryAddSingleton<SiteDiscovery>();
        services.AddSingleton<SourceStatuses>();
        services.AddSingleton<ScrapeRunner>();
        services.AddSingleton<ScrapeQueue>();
        services.AddSingleton<SourceIntake>();
        services.AddSingleton<SourceRemoval>();
        services.AddSingleton<Recleaner>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<PageExtraction>();
        return builder;
    }

    /// <summary>Schedules for a long-running host without its own timer (the local server).</summary>
    public static IHostApplicationBuilder AddLangajScheduler(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ScrapeScheduler>();
        builder.Services.AddHostedService<ScrapeWorker>();
        return builder;
    }

    /// <summary>
    /// For a host whose queue trigger names the scrape queue by the app setting <see cref="ScrapeQueue.QueueNameSetting"/>
    /// (the Functions app): a start error unless it is the queue <see cref="ScrapeQueue"/> sends to.
    /// </summary>
    public static IHostApplicationBuilder RequireScrapeQueueNameSetting(this IHostApplicationBuilder builder)
    {
        // Checked with the other storage settings, when the host starts (AddLangajStorage validates them on start).
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>>(
            new ScrapeQueueNameValidator(builder.Configuration[ScrapeQueue.QueueNameSetting]));
        return builder;
    }

    private sealed class ScrapeQueueNameValidator(string? triggerQueueName) : IValidateOptions<StorageOptions>
    {
        public ValidateOptionsResult Validate(string? name, StorageOptions options) =>
            ScrapeQueue.TriggerQueueMismatch(triggerQueueName, options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
