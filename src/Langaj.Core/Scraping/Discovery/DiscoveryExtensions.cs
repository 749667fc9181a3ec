using Langaj.Core.Fetching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Langaj.Core.Scraping.Discovery;

public static class DiscoveryExtensions
{
    /// <summary>Registers <see cref="ArticleDiscovery"/>, <see cref="SiteDiscovery"/> and the fetching they stand on.</summary>
    public static IServiceCollection AddLangajDiscovery(this IServiceCollection services)
    {
        services.AddLangajFetching();
        services.TryAddSingleton<ArticleDiscovery>();
        services.TryAddSingleton<SiteDiscovery>();
        return services;
    }
}
