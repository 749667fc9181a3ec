using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Langaj.Core.Feeds;

public static class FeedsExtensions
{
    /// <summary>Registers <see cref="FeedService"/> (one per instance: it holds the in-memory copies) and <see cref="FeedsOptions"/> from section <c>Feeds</c>.</summary>
    public static IHostApplicationBuilder AddLangajFeeds(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FeedsOptions>()
            .BindConfiguration(FeedsOptions.SectionName)
            .Validate(o => o.PublicBaseUrl is { IsAbsoluteUri: true }, "Feeds:PublicBaseUrl must be the absolute URL readers reach the API at, e.g. https://langaj.example/.")
            .Validate(o => o.RevalidateAfter >= TimeSpan.Zero, "Feeds:RevalidateAfter must not be negative.");
        services.TryAddSingleton<FeedService>();
        services.AddHostedService<FeedWarmup>();
        return builder;
    }
}
