using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Fetching;

/// <summary>Resolves a host name to addresses; a seam so tests can make any name point anywhere without DNS.</summary>
public interface IHostAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}

internal sealed class DnsHostAddressResolver : IHostAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct) => Dns.GetHostAddressesAsync(host, ct);
}

/// <summary>Raised when the guard refuses a destination; never retried.</summary>
/// <param name="reason">What was refused and why.</param>
/// <param name="privateAddress">True when permission for private networks would allow it: the message then says how.</param>
public sealed class AddressRefusedException(string reason, bool privateAddress = false)
    : Exception(privateAddress ? $"{reason}; set allowPrivateAddresses on the source to allow it" : reason)
{
    public string Reason { get; } = reason;
    public bool PrivateAddress { get; } = privateAddress;
}

/// <summary>
/// Keeps fetches of configured (and possibly hostile) URLs away from loopback, private networks and cloud
/// metadata endpoints. The decisive check runs in the connection callback, on the address actually being
/// connected to, so DNS rebinding and redirects to private hosts are caught too.
/// </summary>
public sealed class AddressGuard(IHostAddressResolver resolver, IOptions<FetchOptions> options)
{
    /// <summary>Carries a source's permission on the request; request options survive redirects.</summary>
    public static readonly HttpRequestOptionsKey<bool> AllowPrivateAddressesKey = new("Langaj.AllowPrivateAddresses");

    private readonly IPNetwork[] _exempt = [.. options.Value.AllowedPrivateNetworks.Select(n => IPNetwork.Parse(n))];

    private static readonly IPNetwork[] s_blockedV4 =
    [
        IPNetwork.Parse("0.0.0.0/8"),        // "this network", includes unspecified
        IPNetwork.Parse("10.0.0.0/8"),
        IPNetwork.Parse("100.64.0.0/10"),    // carrier-grade NAT
        IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"),   // link-local, cloud metadata 169.254.169.254
        IPNetwork.Parse("172.16.0.0/12"),
        IPNetwork.Parse("192.0.0.0/24"),     // IETF protocol assignments
        IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"),    // benchmarking
        IPNetwork.Parse("224.0.0.0/4"),      // multicast
        IPNetwork.Parse("240.0.0.0/4"),      // reserved, includes broadcast
    ];

    private static readonly IPNetwork[] s_blockedV6 =
    [
        IPNetwork.Parse("fc00::/7"),         // unique local
        IPNetwork.Parse("fe80::/10"),        // link-local
        IPNetwork.Parse("fec0::/10"),        // deprecated site-local, still routed by some stacks
        IPNetwork.Parse("ff00::/8"),         // multicast
    ];

    private static readonly IPNetwork s_nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork s_6to4 = IPNetwork.Parse("2002::/16");

    /// <summary>True when the address is on loopback, a private or special network, or embeds such an IPv4 address.</summary>
    public static bool IsPrivate(IPAddress address)
    {
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return s_blockedV4.Any(n => n.Contains(address));
        }
        if (address.IsIPv4MappedToIPv6)
        {
            return IsPrivate(address.MapToIPv4());
        }
        var bytes = address.GetAddressBytes();
        // IPv4-compatible (::a.b.c.d, deprecated) and NAT64 (64:ff9b::a.b.c.d) carry the IPv4 address in the last 4 bytes.
        // "::" and "::1" fall in here too and come out as 0.0.0.0/8, which is refused.
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 || s_nat64.Contains(address))
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(12, 4)));
        }
        if (s_6to4.Contains(address))
        {
            return IsPrivate(new IPAddress(bytes.AsSpan(2, 4)));
        }
        return s_blockedV6.Any(n => n.Contains(address));
    }

    /// <summary>Checks what can be checked before any DNS lookup: scheme, literal IP addresses and "localhost".</summary>
    public void CheckUrl(Uri url, bool allowPrivateAddresses)
    {
        if (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
        {
            throw new AddressRefusedException($"refused: {url} is not an http or https URL");
        }
        if (allowPrivateAddresses)
        {
            return;
        }
        var host = url.IdnHost;
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            throw Refused(host, IPAddress.Loopback);
        }
        if (IPAddress.TryParse(host.Trim('[', ']'), out var literal))
        {
            Check(host, literal);
        }
    }

    /// <summary>Resolves <paramref name="host"/> and returns its addresses, refusing if any of them is private.</summary>
    public async Task<IPAddress[]> ResolveAsync(string host, bool allowPrivateAddresses, CancellationToken ct)
    {
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal)
            ? [literal]
            : await resolver.ResolveAsync(host, ct);
        if (addresses.Length == 0)
        {
            throw new AddressRefusedException($"refused: {host} has no address");
        }
        if (!allowPrivateAddresses)
        {
            // Every address is checked, not just the first: a name that also resolves to a private
            // address is treated as hostile, whichever one the connection would have used.
            foreach (var address in addresses)
            {
                Check(host, address);
            }
        }
        return addresses;
    }

    /// <summary>The <see cref="SocketsHttpHandler.ConnectCallback"/>: resolve, check, then connect to a checked address.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var allowPrivate = context.InitialRequestMessage.Options.TryGetValue(AllowPrivateAddressesKey, out var allowed) && allowed;
        var addresses = await ResolveAsync(context.DnsEndPoint.Host, allowPrivate, ct);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
        try
        {
            socket.NoDelay = true;
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Check(string host, IPAddress address)
    {
        if (IsPrivate(address) && !_exempt.Any(n => n.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address)))
        {
            throw Refused(host, address);
        }
    }

    private static AddressRefusedException Refused(string host, IPAddress address) =>
        new($"refused: {host} resolves to a private address ({address})", privateAddress: true);
}
