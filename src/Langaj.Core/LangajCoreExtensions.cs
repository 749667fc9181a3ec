using Microsoft.Extensions.Hosting;

namespace Langaj.Core;

public static class LangajCoreExtensions
{
    /// <summary>Registers everything Langaj does, for any host (local server, CLI verbs, Functions app).</summary>
    public static IHostApplicationBuilder AddLangajCore(this IHostApplicationBuilder builder) => builder;
}
