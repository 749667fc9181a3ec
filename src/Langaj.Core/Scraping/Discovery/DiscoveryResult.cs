using Langaj.Core.Fetching;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>An article URL found on a source, with what the discovery document said about it.</summary>
public sealed record DiscoveredLink(Uri Url, DateTimeOffset? Updated, string? Title);

/// <summary>
/// The links found by one discovery pass. <see cref="NotModified"/> means the document has not changed since
/// <c>validators</c> (no links then); <see cref="Validators"/> are for the next pass.
/// </summary>
public sealed record DiscoveryResult(IReadOnlyList<DiscoveredLink> Links, bool NotModified, ConditionalRequest? Validators);

/// <summary>A discovery document that could not be understood, with a message fit for an operator.</summary>
public sealed class DiscoveryException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>What a parser read from one document; <see cref="Problem"/> is set when it had to stop early.</summary>
internal sealed record ParsedDocument(IReadOnlyList<DiscoveredLink> Links, string? Problem);
