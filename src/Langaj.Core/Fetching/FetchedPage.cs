namespace Langaj.Core.Fetching;

/// <summary>A response body as served, with what is needed to decode it and to ask again conditionally.</summary>
public sealed record FetchedPage
{
    public required Uri RequestedUrl { get; init; }
    /// <summary>Where the body came from, after redirects.</summary>
    public required Uri FinalUrl { get; init; }
    /// <summary>True when the server answered 304 to a conditional request: <see cref="Body"/> is empty.</summary>
    public bool NotModified { get; init; }
    public byte[] Body { get; init; } = [];
    /// <summary>The Content-Type header as sent, charset included.</summary>
    public string? ContentType { get; init; }
    public string? ETag { get; init; }
    public DateTimeOffset? LastModified { get; init; }
}

/// <summary>Validators from an earlier response, for a conditional GET.</summary>
public sealed record ConditionalRequest(string? ETag, DateTimeOffset? LastModified);
