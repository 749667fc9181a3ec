using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;

namespace Langaj.Core.Fetching;

/// <summary>Why a fetch failed, so that an operator reads the cause, not a stack trace.</summary>
public enum FetchFailure
{
    Dns,
    ConnectionRefused,
    Unreachable,
    Timeout,
    Tls,
    HttpStatus,
    TooLarge,
    Redirect,
    RobotsTxt,
    AddressGuard,
    Network,
}

/// <summary>A fetch that failed, with its cause and a one-line message fit for an operator.</summary>
public sealed class FetchException(FetchFailure failure, string message, Exception? inner = null) : Exception(message, inner)
{
    public FetchFailure Failure { get; } = failure;
}

/// <summary>Names the cause behind the transport's exceptions (DNS, refused, TLS...), found in their inner exceptions.</summary>
internal static class FetchFailures
{
    public static FetchException From(Exception e, Uri url)
    {
        var endpoint = $"{url.IdnHost}:{url.Port}";
        for (var current = e; current is not null; current = current.InnerException)
        {
            switch (current)
            {
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData }:
                    return new(FetchFailure.Dns, $"could not fetch {url}: DNS lookup of {url.IdnHost} failed (no such host)", e);
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }:
                    return new(FetchFailure.ConnectionRefused, $"could not fetch {url}: connection refused by {endpoint} (nothing listens there)", e);
                case SocketException { SocketErrorCode: SocketError.TimedOut }:
                    return new(FetchFailure.Timeout, $"could not fetch {url}: connecting to {endpoint} timed out", e);
                case SocketException { SocketErrorCode: SocketError.NetworkUnreachable or SocketError.HostUnreachable or SocketError.NetworkDown } socket:
                    return new(FetchFailure.Unreachable, $"could not fetch {url}: {endpoint} is unreachable ({socket.Message})", e);
                case AuthenticationException tls:
                    return new(FetchFailure.Tls, $"could not fetch {url}: TLS with {url.IdnHost} failed ({tls.Message})", e);
            }
        }
        var detail = e is HttpRequestException { InnerException: { } inner } ? $"{e.Message} {inner.Message}" : e.Message;
        return e is HttpRequestException { HttpRequestError: HttpRequestError.NameResolutionError }
            ? new(FetchFailure.Dns, $"could not fetch {url}: DNS lookup of {url.IdnHost} failed", e)
            : new(FetchFailure.Network, $"could not fetch {url}: {detail}", e);
    }
}
