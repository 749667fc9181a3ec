using System.Text.Encodings.Web;
using Langaj.Core.Api;
using Langaj.Core.Extraction;
using Langaj.Core.Feeds;
using Langaj.Core.Fetching;
using Langaj.Core.Scraping;
using Langaj.Core.Scraping.Discovery;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Langaj.Core;

public static class LangajCoreExtensions
{
    /// <summary>Registers everything Langaj does, for any host (local server, CLI verbs, Functions app).</summary>
    public static IHostApplicationBuilder AddLangajCore(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Both hosts serialize API results with these options, so they answer the same bytes.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddProblemDetails();
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<SourcesOptions>().BindConfiguration("Langaj");
        services.AddOptions<ScrapeOptions>().BindConfiguration("Scrape");
        services.AddOptions<OperatorOptions>().BindConfiguration("Operator");
        services.AddOptions<PublicReadOptions>().BindConfiguration(PublicReadOptions.SectionName);
        services.AddCors();
        services.AddSingleton<PublicReadPolicy>();
        var contentRoot = builder.Environment.ContentRootPath;
        services.TryAddSingleton(sp =>
        {
            var path = sp.GetRequiredService<IOptions<SourcesOptions>>().Value.Sources;
            return new SourceCatalog(SourcesFile.Load(Path.Combine(contentRoot, path)));
        });

        services.AddLangajFetching();
        services.AddLangajDiscovery();
        services.AddSingleton<ArticleExtractor>();
        services.AddLangajStorage(builder.Configuration);
        services.AddSingleton<StorageReadiness>();
        services.AddLangajFeeds();
        services.AddSingleton<ScrapeRunner>();
        services.AddSingleton<ScrapeQueue>();
        services.AddSingleton<Recleaner>();
        services.AddSingleton<HealthService>();
        services.AddSingleton<PageExtraction>();
        return builder;
    }

    /// <summary>
    /// For a host whose queue trigger names the scrape queue by the app setting <see cref="ScrapeQueue.QueueNameSetting"/>
    /// (the Functions app): a start error unless it is the queue <see cref="ScrapeQueue"/> sends to.
    /// </summary>
    public static IHostApplicationBuilder RequireScrapeQueueNameSetting(this IHostApplicationBuilder builder)
    {
        var triggerQueueName = builder.Configuration[ScrapeQueue.QueueNameSetting];
        builder.Services.AddOptions<StorageOptions>().Validate(storage =>
        {
            ScrapeQueue.EnsureTriggerListensToQueue(triggerQueueName, storage);
            return true;
        });
        return builder;
    }

    /// <summary>
    /// Creates containers, tables and queues if absent (idempotent), then marks <see cref="StorageReadiness"/> ready.
    /// The local host and the verbs call it before they start; the Functions app lets <see cref="StorageSetup"/> call it.
    /// </summary>
    public static async Task EnsureLangajStorageAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ArticleStore>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<SourceStateStore>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<SourceLeases>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<ScrapeQueue>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<FeedService>().EnsureCreatedAsync(cancellationToken);
        services.GetRequiredService<StorageReadiness>().Ready();
    }
}
