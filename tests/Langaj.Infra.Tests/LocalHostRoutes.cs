using Langaj.Core;
using Langaj.Core.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Langaj.Infra.Tests;

/// <summary>
/// The route patterns LangajApi maps for the local host, read from the endpoints ASP.NET Core builds: the
/// app is composed with Langaj.Core's services but never started, so no storage is touched.
/// </summary>
internal static class LocalHostRoutes
{
    public static IReadOnlyList<string> Patterns { get; } = Map();

    private static List<string> Map()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.AddLangajCore();
        using var app = builder.Build();
        app.MapLangajApi();
        return ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText!)
            .ToList();
    }
}
