using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Feeds;

public static class FeedsExtensions
{
    /// <summary>Registers <see cref="FeedService"/> (one per instance: it holds the in-memory copies) and <see cref="FeedsOptions"/> from section <c>Feeds</c>.</summary>
    public static IHostApplicationBuilder AddLangajFeeds(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FeedsOptions>().BindConfiguration(FeedsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FeedsOptions>, FeedsOptionsValidator>();
        services.TryAddSingleton<FeedService>();
        services.AddHostedService<FeedWarmup>();
        return builder;
    }
}
