using System.Net;
using Langaj.Core.Fetching;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Tests.Fetching;

public sealed class AddressGuardTests
{
    [Theory]
    [InlineData("127.0.0.1")]           // loopback
    [InlineData("127.255.0.9")]
    [InlineData("10.1.2.3")]            // private
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.254")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]          // carrier-grade NAT
    [InlineData("169.254.169.254")]     // link-local, cloud metadata
    [InlineData("0.0.0.0")]             // unspecified
    [InlineData("224.0.0.1")]           // multicast
    [InlineData("255.255.255.255")]     // broadcast
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]             // link-local
    [InlineData("fd12:3456::1")]        // unique local fc00::/7
    [InlineData("fc00::1")]
    [InlineData("ff02::1")]             // multicast
    [InlineData("::ffff:127.0.0.1")]    // IPv4-mapped
    [InlineData("::ffff:a9fe:a9fe")]    // IPv4-mapped 169.254.169.254
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::127.0.0.1")]         // IPv4-compatible (deprecated)
    [InlineData("::a9fe:a9fe")]
    [InlineData("64:ff9b::a9fe:a9fe")]  // NAT64 of 169.254.169.254
    [InlineData("2002:c0a8:0101::1")]   // 6to4 of 192.168.1.1
    public void Private_and_special_addresses_are_refused(string address) =>
        Assert.True(AddressGuard.IsPrivate(IPAddress.Parse(address)));

    [Theory]
    [InlineData("8.8.8.8")]
    [InlineData("93.184.216.34")]
    [InlineData("172.32.0.1")]          // just outside 172.16/12
    [InlineData("100.128.0.1")]         // just outside 100.64/10
    [InlineData("2001:4860:4860::8888")]
    [InlineData("::ffff:8.8.8.8")]
    [InlineData("64:ff9b::808:808")]    // NAT64 of 8.8.8.8
    [InlineData("2002:0808:0808::1")]   // 6to4 of 8.8.8.8
    public void Public_addresses_are_allowed(string address) =>
        Assert.False(AddressGuard.IsPrivate(IPAddress.Parse(address)));

    private static AddressGuard Guard(FakeHostResolver resolver, params string[] exempt) =>
        new(resolver, Options.Create(new FetchOptions { AllowedPrivateNetworks = exempt }));

    [Fact]
    public async Task A_name_resolving_to_the_metadata_address_is_refused_with_the_address_named()
    {
        var guard = Guard(new FakeHostResolver("metadata.news.test", IPAddress.Parse("169.254.169.254")));

        var error = await Assert.ThrowsAsync<AddressRefusedException>(() => guard.ResolveAsync("metadata.news.test", false, default));

        Assert.Equal(
            "refused: metadata.news.test resolves to a private address (169.254.169.254); set allowPrivateAddresses on the source to allow it",
            error.Message);
    }

    [Fact]
    public async Task A_name_with_one_private_address_among_public_ones_is_refused()
    {
        var guard = Guard(new FakeHostResolver("mixed.news.test", IPAddress.Parse("93.184.216.34"), IPAddress.Parse("::ffff:10.0.0.1")));

        var error = await Assert.ThrowsAsync<AddressRefusedException>(() => guard.ResolveAsync("mixed.news.test", false, default));

        Assert.Contains("(::ffff:10.0.0.1)", error.Message);
    }

    [Fact]
    public async Task Public_names_resolve_and_private_ones_do_when_the_source_allows_it()
    {
        var guard = Guard(new FakeHostResolver(new Dictionary<string, IPAddress[]>
        {
            ["www.news.test"] = [IPAddress.Parse("93.184.216.34")],
            ["intranet.test"] = [IPAddress.Parse("10.0.0.7")],
        }));

        Assert.Equal([IPAddress.Parse("93.184.216.34")], await guard.ResolveAsync("www.news.test", false, default));
        Assert.Equal([IPAddress.Parse("10.0.0.7")], await guard.ResolveAsync("intranet.test", true, default));
    }

    [Fact]
    public async Task Exempt_networks_from_the_options_pass()
    {
        var guard = Guard(new FakeHostResolver("mirror.test", IPAddress.Parse("10.1.2.3")), "10.1.2.0/24");

        Assert.Single(await guard.ResolveAsync("mirror.test", false, default));
    }

    [Theory]
    [InlineData("http://localhost/")]
    [InlineData("http://app.localhost:8080/")]
    [InlineData("http://127.0.0.1/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://2130706433/")]  // 127.0.0.1 as one decimal number; Uri normalises it
    [InlineData("http://0x7f.1/")]
    public void Literal_private_hosts_are_refused_before_any_lookup(string url)
    {
        var resolver = new FakeHostResolver(new Dictionary<string, IPAddress[]>());

        var error = Assert.Throws<AddressRefusedException>(() => Guard(resolver).CheckUrl(new Uri(url), false));

        Assert.StartsWith("refused: ", error.Message);
        Assert.Empty(resolver.Lookups);
    }

    [Theory]
    [InlineData("ftp://news.test/feed.xml")]
    [InlineData("file:///etc/passwd")]
    [InlineData("gopher://news.test/")]
    public void Other_schemes_are_refused_even_with_private_addresses_allowed(string url)
    {
        var error = Assert.Throws<AddressRefusedException>(() =>
            Guard(new FakeHostResolver(new Dictionary<string, IPAddress[]>())).CheckUrl(new Uri(url), true));

        Assert.Contains("is not an http or https URL", error.Message);
    }

    [Fact]
    public async Task Without_permission_a_loopback_source_is_refused_before_any_request()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/feed", () => Results.Text("<rss/>")));
        using var services = FetchingServices.Create();

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.Fetcher().FetchAsync(new FetchRequest(site.Url("/feed"), AllowPrivateAddresses: false), default));

        Assert.Equal("refused: 127.0.0.1 resolves to a private address (127.0.0.1); set allowPrivateAddresses on the source to allow it", error.Message);
        Assert.Empty(site.Requests);
    }

    [Fact]
    public async Task A_name_resolving_to_the_metadata_address_is_refused_at_connect_time()
    {
        var resolver = new FakeHostResolver("metadata.news.test", IPAddress.Parse("169.254.169.254"));
        using var services = FetchingServices.Create(resolver: resolver);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.Fetcher().FetchAsync(new FetchRequest(new Uri("http://metadata.news.test/latest/meta-data/"), false), default));

        Assert.Contains("refused: metadata.news.test resolves to a private address (169.254.169.254)", error.Message);
        // Looked up (the connect callback ran) and refused once: the refusal is not retried.
        Assert.Equal(["metadata.news.test"], resolver.Lookups);
    }

    [Theory]
    [InlineData("http://metadata.news.test/latest/meta-data/", "metadata.news.test", "169.254.169.254")]
    [InlineData("http://rebound.news.test/", "rebound.news.test", "::ffff:127.0.0.2")]
    public async Task A_redirect_hop_to_a_private_address_is_refused(string target, string host, string address)
    {
        // 127.0.0.1 stands in for a public site: exempted by the deployment option, so the source itself
        // has no permission and the hop is judged on its own.
        var resolver = new FakeHostResolver(host, IPAddress.Parse(address));
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/story", () => Results.Redirect(target)));
        using var services = FetchingServices.Create(o => o.AllowedPrivateNetworks = ["127.0.0.1/32"], resolver);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.Fetcher().FetchAsync(new FetchRequest(site.Url("/story"), false), default));

        Assert.Contains($"refused: {host} resolves to a private address ({address})", error.Message);
        Assert.Single(site.RequestsTo("/story"));
        Assert.Equal([host], resolver.Lookups);
    }

    [Fact]
    public async Task A_redirect_to_a_literal_private_address_is_refused()
    {
        await using var site = await LoopbackSite.StartAsync(app => app.MapGet("/story", (HttpContext context) =>
            Results.Redirect($"http://127.0.0.3:{context.Connection.LocalPort}/admin")));
        using var services = FetchingServices.Create(o => o.AllowedPrivateNetworks = ["127.0.0.1/32"]);

        var error = await Assert.ThrowsAsync<FetchException>(() =>
            services.Fetcher().FetchAsync(new FetchRequest(site.Url("/story"), false), default));

        Assert.Contains("refused: 127.0.0.3 resolves to a private address (127.0.0.3)", error.Message);
        Assert.DoesNotContain(site.Requests, r => r.Path == "/admin");
    }
}
