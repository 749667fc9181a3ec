using Langaj.Core.Fetching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Langaj.Core.Scraping.Discovery;

public static class DiscoveryExtensions
{
    /// <summary>Registers <see cref="ArticleDiscovery"/> and the fetching it stands on.</summary>
    public static IServiceCollection AddLangajDiscovery(this IServiceCollection services)
    {
        services.AddLangajFetching();
        services.TryAddSingleton<ArticleDiscovery>();
        return services;
    }
}
