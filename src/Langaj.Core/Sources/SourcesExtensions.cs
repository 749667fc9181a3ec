using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Sources;

public static class SourcesExtensions
{
    /// <summary>
    /// Registers <see cref="SourcesOptions"/> from section <c>Sources</c>, the <see cref="ConfiguredSources"/> read from
    /// the sources file (relative to the content root), and the <see cref="SourceCatalog"/> kept in storage.
    /// </summary>
    public static IHostApplicationBuilder AddLangajSources(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SourcesOptions>().BindConfiguration(SourcesOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SourcesOptions>, SourcesOptionsValidator>();
        var contentRoot = builder.Environment.ContentRootPath;
        services.TryAddSingleton(sp =>
        {
            var named = sp.GetRequiredService<IOptions<SourcesOptions>>().Value.File;
            var path = Path.Combine(contentRoot, named is { Length: > 0 } ? named : SourcesOptions.DefaultFile);
            // The default file is optional (sources may all live in storage); a file that was named must be there.
            return new ConfiguredSources(named is { Length: > 0 } || File.Exists(path) ? SourcesFile.Load(path) : []);
        });
        services.TryAddSingleton<SourceCatalog>();
        return builder;
    }
}
