using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Langaj.Core.Scraping.Discovery;

public static class DiscoveryExtensions
{
    /// <summary>Registers <see cref="ArticleDiscovery"/>, <see cref="SiteDiscovery"/> ; they stand on <c>AddLangajFetching</c>, which the host adds once.</summary>
    public static IServiceCollection AddLangajDiscovery(this IServiceCollection services)
    {
        services.TryAddSingleton<ArticleDiscovery>();
        services.TryAddSingleton<SiteDiscovery>();
        return services;
    }
}
