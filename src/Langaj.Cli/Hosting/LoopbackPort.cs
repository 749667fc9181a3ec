using System.Net;
using System.Net.Sockets;

namespace Langaj.Cli.Hosting;

public static class LoopbackPort
{
    /// <summary>Whether something accepts TCP connections on this port of 127.0.0.1.</summary>
    public static async Task<bool> AcceptsConnectionsAsync(int port, CancellationToken cancellationToken = default)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
