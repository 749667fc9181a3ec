using System.Globalization;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Langaj.Core.Api;

/// <summary>
/// What the Functions app's functions do while <see cref="StorageSetup"/> has not finished (the local host sets
/// storage up before it listens, so it never gets here): HTTP functions answer 503 problem+json naming the
/// cause, with <c>Retry-After</c>; timer and queue invocations fail naming it, so a queue message is retried,
/// not lost. Health and the home page run as usual: showing storage's state is what they are for; so do the
/// files Langaj.Core ships (the API document, the feed stylesheet), which never touch storage.
/// </summary>
public static class StorageGate
{
    private static readonly HashSet<string> RunWithoutStorage = new HashSet<string>(["Health", "Home", "OpenApi", "FeedStylesheet"], StringComparer.Ordinal);

    /// <param name="http">The request of an HTTP function; null for a timer or queue invocation.</param>
    public static async Task InvokeAsync(string functionName, IServiceProvider services, HttpContext? http, Func<Task> next)
    {
        var readiness = services.GetRequiredService<StorageReadiness>();
        if (readiness.Cause is not { } cause || RunWithoutStorage.Contains(functionName))
        {
            await next();
            return;
        }
        if (http is null)
        {
            throw new InvalidOperationException($"{functionName} not run: {cause}");
        }
        http.Response.Headers.RetryAfter = Math.Ceiling(readiness.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Storage not ready", detail: cause).ExecuteAsync(http);
    }
}
