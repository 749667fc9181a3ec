using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Langaj.Core.Extraction;

public static class ExtractionExtensions
{
    /// <summary>Registers <see cref="ArticleExtractor"/>: bytes in, article out; it needs nothing else.</summary>
    public static IHostApplicationBuilder AddLangajExtraction(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ArticleExtractor>();
        return builder;
    }
}
