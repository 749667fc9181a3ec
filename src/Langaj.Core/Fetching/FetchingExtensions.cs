using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Langaj.Core.Fetching;

public static class FetchingExtensions
{
    /// <summary>
    /// Two clients with identical settings, one per permission: pooled connections are never shared between
    /// a source allowed on private networks and one that is not, so the connect-time check always applies.
    /// </summary>
    internal static string ClientName(bool allowPrivateAddresses) =>
        allowPrivateAddresses ? "Langaj.Fetch.PrivateAllowed" : "Langaj.Fetch";

    /// <summary>
    /// Registers <see cref="PageFetcher"/> and its guarded, resilient HTTP clients; options bind from "Fetch". Called once
    /// per host (by <c>AddLangajCore</c>): a second call would stack a second resilience pipeline on the named clients.
    /// </summary>
    public static IHostApplicationBuilder AddLangajFetching(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<FetchOptions>().BindConfiguration(FetchOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FetchOptions>, FetchOptionsValidator>();
        services.TryAddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.TryAddSingleton<AddressGuard>();
        services.TryAddSingleton<RobotsPolicy>();
        services.TryAddSingleton<HostThrottle>();
        services.TryAddSingleton<PageFetcher>();
        // The resilience pipeline logs each retry as a warning with the exception's stack trace; the retry
        // strategy below logs one line per attempt instead, and the fetcher reports the final failure.
        services.AddLogging(logging => logging.AddFilter("Polly", LogLevel.None));
        AddClient(services, ClientName(allowPrivateAddresses: false));
        AddClient(services, ClientName(allowPrivateAddresses: true));
        return builder;
    }

    private static void AddClient(IServiceCollection services, string name) =>
        services.AddHttpClient(name, (sp, client) =>
            {
                // Timeouts are the resilience pipeline's and PageFetcher's; HttpClient's own would only muddle the message.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.DefaultRequestHeaders.TryAddWithoutValidation("User-Agent", sp.GetRequiredService<IOptions<FetchOptions>>().Value.UserAgent);
            })
            .ConfigurePrimaryHttpMessageHandler(sp =>
            {
                var o = sp.GetRequiredService<IOptions<FetchOptions>>().Value;
                return new SocketsHttpHandler
                {
                    AutomaticDecompression = DecompressionMethods.All,
                    PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                    AllowAutoRedirect = o.MaxRedirects > 0,
                    MaxAutomaticRedirections = Math.Max(1, o.MaxRedirects),
                    ConnectCallback = sp.GetRequiredService<AddressGuard>().ConnectAsync,
                    // A proxy would resolve and connect on our behalf, out of the guard's sight.
                    UseProxy = false,
                    UseCookies = false,
                };
            })
            // The handler recycles its own connections (PooledConnectionLifetime), so the factory need not rotate it.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .AddResilienceHandler("fetch", (pipeline, context) =>
            {
                var o = context.ServiceProvider.GetRequiredService<IOptions<FetchOptions>>().Value;
                var retries = context.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger("Langaj.Core.Fetching.Retries");
                if (o.MaxRetries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = o.MaxRetries,
                        BackoffType = DelayBackoffType.Exponential,
                        UseJitter = true,
                        Delay = o.RetryDelay,
                        MaxDelay = o.MaxRetryDelay,
                        // Retry-After is honoured below, capped: the built-in handling would wait as long as asked.
                        ShouldRetryAfterHeader = false,
                        DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                        // One line per attempt, the cause only; Polly's own events (with stack traces) are filtered out below.
                        OnRetry = args =>
                        {
                            var cause = args.Outcome.Result is { } response
                                ? $"HTTP {(int)response.StatusCode}"
                                : args.Outcome.Exception?.InnerException?.Message ?? args.Outcome.Exception?.Message;
                            retries.Retrying(
                                args.Context.GetRequestMessage()?.RequestUri,
                                (int)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 2, o.MaxRetries + 1, cause);
                            return ValueTask.CompletedTask;
                        },
                        ShouldHandle = args => ValueTask.FromResult(
                            !(args.Outcome.Exception is HttpRequestException e && FindRefusal(e) is not null)
                            && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                            && !(RetryAfter(args.Outcome.Result) > o.MaxRetryDelay)),
                    });
                }
                pipeline.AddTimeout(o.Timeout);
            });

    /// <summary>The wait a response asks for in Retry-After (seconds or a date), if any.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage? response) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    /// <summary>The guard's refusal behind an HttpRequestException raised from the connect callback, if that is what it is.</summary>
    internal static AddressRefusedException? FindRefusal(Exception e)
    {
        for (var current = e; current is not null; current = current.InnerException)
        {
            if (current is AddressRefusedException refusal)
            {
                return refusal;
            }
        }
        return null;
    }
}
