using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Langaj.Core.Api;

/// <summary>
/// What every anonymous read route answers besides GET, the same in both hosts: HEAD (the GET answer
/// without its body), OPTIONS (the methods, and a CORS preflight when a browser sends one), and CORS
/// headers on every answer, errors included. The operator endpoints never pass through here, so a
/// browser script from another origin can never call them. CORS itself is ASP.NET Core's
/// <see cref="ICorsService"/>, given the policy built from <see cref="CorsOptions"/>.
/// </summary>
public static class PublicReads
{
    /// <summary>The methods every read route accepts.</summary>
    public static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head, HttpMethods.Options];

    public const string Allow = "GET, HEAD, OPTIONS";

    /// <summary>The read routes by name (their functions' names in the Functions app), for hosts that select by name.</summary>
    public static readonly IReadOnlySet<string> RouteNames =
        new HashSet<string>(["Home", "RssFeed", "AtomFeed", "JsonFeed", "Opml", "FeedStylesheet", "Articles", "Article", "Health", "OpenApi"], StringComparer.Ordinal);

    /// <summary>How long a browser may keep a preflight answer.</summary>
    public static readonly TimeSpan PreflightMaxAge = TimeSpan.FromDays(1);

    public static CorsPolicy Policy(CorsOptions options)
    {
        var builder = new CorsPolicyBuilder()
            .WithMethods(HttpMethods.Get, HttpMethods.Head)
            .AllowAnyHeader()
            // ETag is not a CORS-safelisted response header: without this a script could not revalidate.
            .WithExposedHeaders("ETag", "Link")
            .SetPreflightMaxAge(PreflightMaxAge);
        return options.AllowedOrigins.Length == 0 || options.AllowedOrigins.Contains("*") ? builder.AllowAnyOrigin().Build() : builder.WithOrigins(options.AllowedOrigins).Build();
    }

    /// <summary>
    /// Adds the CORS headers for this request; answers OPTIONS itself (204 with <c>Allow</c>, and the
    /// preflight's headers) and returns true, so that the route's handler runs only for GET and HEAD.
    /// </summary>
    public static bool Answer(HttpContext context)
    {
        var policy = context.RequestServices.GetRequiredService<PublicReadPolicy>().Policy;
        var varyByOrigin = false;
        // Without Origin it is no CORS request, and the CORS middleware would not look at it either.
        if (context.Request.Headers.ContainsKey(HeaderNames.Origin))
        {
            var cors = context.RequestServices.GetRequiredService<ICorsService>();
            var result = cors.EvaluatePolicy(context, policy);
            cors.ApplyResult(result, context.Response);
            varyByOrigin = result.VaryByOrigin;
        }
        // The framework varies by Origin only for several origins; with one, a shared cache could still
        // hand another origin's answer (without the header) to the allowed one.
        if (!policy.AllowAnyOrigin && !varyByOrigin)
        {
            context.Response.Headers.Append(HeaderNames.Vary, HeaderNames.Origin);
        }
        if (!HttpMethods.IsOptions(context.Request.Method))
        {
            return false;
        }
        context.Response.Headers.Allow = Allow;
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        return true;
    }
}

/// <summary>The CORS policy of the read routes, built once from <see cref="CorsOptions"/>.</summary>
public sealed class PublicReadPolicy(IOptions<CorsOptions> options)
{
    public CorsPolicy Policy { get; } = PublicReads.Policy(options.Value);
}

/// <summary>The endpoint metadata that marks a read route, for <see cref="PublicReadsMiddleware"/>.</summary>
public sealed class PublicReadRoute
{
    public static readonly PublicReadRoute Marker = new();

    private PublicReadRoute()
    {
    }
}

/// <summary>
/// The local host's way in to <see cref="PublicReads"/>: a middleware, after routing, for every endpoint
/// marked <see cref="PublicReadRoute"/>. An endpoint filter would send every read through the framework's
/// filtered invocation path (its arguments boxed into a context per request): several per cent of a feed
/// request's CPU under perf.
/// </summary>
public static class PublicReadsMiddleware
{
    public static IApplicationBuilder UsePublicReads(this IApplicationBuilder app) =>
        app.Use(next => context =>
            context.GetEndpoint()?.Metadata.GetMetadata<PublicReadRoute>() is not null && PublicReads.Answer(context)
                ? Task.CompletedTask
                : next(context));
}
