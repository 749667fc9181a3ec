using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Langaj.Core.Tests.Feeds;

/// <summary>Serves fixed feed bytes from Kestrel on 127.0.0.1 so that readers fetch them over real HTTP.</summary>
internal sealed class LoopbackFeeds : IAsyncDisposable
{
    private readonly WebApplication app;

    private LoopbackFeeds(WebApplication app) => this.app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public static async Task<LoopbackFeeds> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        return new LoopbackFeeds(app) { BaseUrl = new Uri(address) };
    }

    public Uri Url(string path) => new(BaseUrl, path);

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}
