using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Langaj.Testing;

/// <summary>One request as the site received it, for assertions on what a client sent.</summary>
public sealed record LoggedRequest(string Method, string Path, string QueryString, IReadOnlyDictionary<string, string> Headers, DateTimeOffset Time)
{
    /// <summary>The header's value, or null when it was not sent (names are case-insensitive).</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>
/// A real Kestrel web site on 127.0.0.1 with an ephemeral port, so tests exercise real HTTP
/// (headers, redirects, chunking, compression) without leaving the machine.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<LoggedRequest> _requests;

    private LoopbackSite(WebApplication app, ConcurrentQueue<LoggedRequest> requests, Uri baseUri)
    {
        _app = app;
        _requests = requests;
        BaseUri = baseUri;
    }

    /// <summary>The site's root, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseUri { get; }

    /// <summary>A loopback port free at the time of asking (for a server a test starts itself).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every request received so far, in arrival order.</summary>
    public IReadOnlyList<LoggedRequest> Requests => [.. _requests];

    /// <summary>The requests received for one path (query string excluded), in arrival order.</summary>
    public IReadOnlyList<LoggedRequest> RequestsTo(string path) =>
        [.. _requests.Where(r => string.Equals(r.Path, path, StringComparison.Ordinal))];

    /// <summary>An absolute URL on this site; <paramref name="path"/> may start with a slash or not.</summary>
    public Uri Url(string path) => new(BaseUri, path.TrimStart('/'));

    /// <summary>
    /// Starts a site whose routes are mapped by <paramref name="map"/> (<c>app.MapGet(...)</c>, ...).
    /// When <paramref name="staticRoot"/> is given, files under it are served too (after the mapped routes).
    /// </summary>
    public static async Task<LoopbackSite> StartAsync(Action<WebApplication> map, string? staticRoot = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Testing",
        });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();

        var requests = new ConcurrentQueue<LoggedRequest>();
        app.Use(async (context, next) =>
        {
            var request = context.Request;
            var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            requests.Enqueue(new LoggedRequest(request.Method, request.Path.Value ?? "/", request.QueryString.Value ?? "", headers, DateTimeOffset.UtcNow));
            await next(context);
        });
        if (staticRoot is not null)
        {
            app.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(staticRoot)),
                ServeUnknownFileTypes = true,
            });
        }
        map(app);

        await app.StartAsync();
        var address = app.Urls.First();
        return new LoopbackSite(app, requests, new Uri(address.EndsWith('/') ? address : address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
