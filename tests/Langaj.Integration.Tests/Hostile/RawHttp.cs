using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Langaj.Integration.Tests.Hostile;

/// <summary>An HTTP answer as read off the socket.</summary>
internal sealed record RawResponse(int Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? ContentType => Headers.TryGetValue("Content-Type", out var value) ? value.Split(';')[0].Trim() : null;
}

/// <summary>
/// HTTP/1.1 over a bare socket, so that a request goes out byte for byte as written: malformed percent-encodings,
/// raw non-UTF-8 bytes and overlong lines that <see cref="HttpClient"/> and <see cref="Uri"/> would repair or refuse.
/// </summary>
internal static class RawHttp
{
    public static async Task<RawResponse> SendAsync(Uri server, string method, byte[] target, IEnumerable<string>? headers = null)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        var request = new MemoryStream();
        request.Write(Encoding.ASCII.GetBytes(method + " "));
        request.Write(target);
        var head = new StringBuilder(" HTTP/1.1\r\n").Append(CultureInfo.InvariantCulture, $"Host: {server.Authority}\r\nConnection: close\r\n");
        foreach (var header in headers ?? [])
        {
            head.Append(header).Append("\r\n");
        }
        if (method is "POST" or "PUT" or "PATCH")
        {
            head.Append("Content-Length: 0\r\n");
        }
        request.Write(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(request.ToArray());

        using var received = new MemoryStream();
        try
        {
            await stream.CopyToAsync(received);
        }
        catch (IOException) when (received.Length > 0)
        {
            // The server closed with a reset after answering (it refused the rest of a bad request): the answer is there.
        }
        return Parse(received.ToArray());
    }

    private static RawResponse Parse(byte[] bytes)
    {
        var end = bytes.AsSpan().IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            throw new InvalidDataException($"Not an HTTP response: {Encoding.ASCII.GetString(bytes[..Math.Min(200, bytes.Length)])}");
        }
        var lines = Encoding.ASCII.GetString(bytes, 0, end).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .GroupBy(p => p[0].Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last()[1].Trim(), StringComparer.OrdinalIgnoreCase);
        var body = bytes[(end + 4)..];
        if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = Dechunk(body);
        }
        return new RawResponse(status, headers, Encoding.UTF8.GetString(body));
    }

    private static byte[] Dechunk(byte[] chunked)
    {
        var body = new MemoryStream();
        var position = 0;
        while (position < chunked.Length)
        {
            var lineEnd = Array.IndexOf(chunked, (byte)'\n', position);
            var size = int.Parse(Encoding.ASCII.GetString(chunked, position, lineEnd - position).Trim().Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }
            body.Write(chunked, lineEnd + 1, size);
            position = lineEnd + 1 + size + 2;
        }
        return body.ToArray();
    }
}
