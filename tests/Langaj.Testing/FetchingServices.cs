using System.Collections.Concurrent;
using System.Net;
using Langaj.Core.Fetching;
using Langaj.Core.Scraping;
using Langaj.Core.Scraping.Discovery;
using Microsoft.Extensions.DependencyInjection;

namespace Langaj.Testing;

/// <summary>
/// Resolves only the names a test maps; any other name fails the lookup, so no test can reach real DNS
/// or, through it, an address off this machine.
/// </summary>
public sealed class FakeHostResolver(IReadOnlyDictionary<string, IPAddress[]> names) : IHostAddressResolver
{
    private readonly ConcurrentQueue<string> _lookups = new();

    public FakeHostResolver(string host, params IPAddress[] addresses)
        : this(new Dictionary<string, IPAddress[]>(StringComparer.OrdinalIgnoreCase) { [host] = addresses })
    {
    }

    /// <summary>Every name looked up, in order.</summary>
    public IReadOnlyList<string> Lookups => [.. _lookups];

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct)
    {
        _lookups.Enqueue(host);
        return names.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound));
    }
}

/// <summary>
/// Fetching and discovery as the product registers them, with options fit for tests (no politeness delay,
/// short backoff) and a <see cref="FakeHostResolver"/> in place of DNS.
/// </summary>
public static class FetchingServices
{
    public static ServiceProvider Create(Action<FetchOptions>? configure = null, FakeHostResolver? resolver = null)
    {
        var builder = AreaBuilder.Create();
        builder.Services.AddSingleton<IHostAddressResolver>(resolver ?? new FakeHostResolver(new Dictionary<string, IPAddress[]>()));
        builder.Services.AddSingleton(TimeProvider.System);
        // Scraping for its discovery: the rest of it (runner, queue) needs storage and is never resolved here.
        builder.AddLangajFetching().AddLangajScraping();
        builder.Services.Configure<FetchOptions>(o =>
        {
            o.MinDelayPerHost = TimeSpan.Zero;
            o.RetryDelay = TimeSpan.FromMilliseconds(20);
            o.Timeout = TimeSpan.FromSeconds(10);
            o.OverallTimeout = TimeSpan.FromSeconds(30);
            configure?.Invoke(o);
        });
        return builder.Services.BuildServiceProvider();
    }

    public static PageFetcher Fetcher(this ServiceProvider services) => services.GetRequiredService<PageFetcher>();

    public static ArticleDiscovery Discovery(this ServiceProvider services) => services.GetRequiredService<ArticleDiscovery>();
}
