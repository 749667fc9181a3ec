using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Tests.Fetching;

public sealed class LoopbackSiteTests
{
    [Fact]
    public async Task Serves_mapped_routes_on_loopback_and_logs_requests()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/hello", () => Results.Text("hi")));
        using var client = new HttpClient();
        client.DefaultRequestHeaders.UserAgent.ParseAdd("Probe/1.0");

        var body = await client.GetStringAsync(site.Url("/hello"));

        Assert.Equal("hi", body);
        Assert.Equal("127.0.0.1", site.BaseUri.Host);
        var logged = Assert.Single(site.RequestsTo("/hello"));
        Assert.Equal("Probe/1.0", logged.Header("user-agent"));
    }
}
