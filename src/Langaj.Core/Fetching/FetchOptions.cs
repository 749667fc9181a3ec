namespace Langaj.Core.Fetching;

/// <summary>How Langaj behaves as an HTTP client: identity, limits, retries and politeness (section "Fetch").</summary>
public sealed class FetchOptions
{
    public const string SectionName = "Fetch";

    /// <summary>Sent on every request; the product token before the slash is also the robots.txt user agent.</summary>
    public string UserAgent { get; set; } = "Langaj/1.0 (+https://github.com/langaj/langaj; feed builder)";

    /// <summary>Limit for one attempt, until the response headers arrive.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Limit for a whole fetch: every attempt, the waits between them and reading the body.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    public int MaxRedirects { get; set; } = 5;

    /// <summary>Retries after a timeout, a network error, 408, 429 or 5xx; 0 disables retrying.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Base of the jittered exponential backoff between attempts.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Longest wait before a retry. A Retry-After asking for more than this fails the fetch at once
    /// rather than stalling a scrape run on a hostile or confused server.
    /// </summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    public int PerHostConcurrency { get; set; } = 2;

    /// <summary>Least time between two request starts to one host (robots.txt Crawl-delay may ask for more).</summary>
    public TimeSpan MinDelayPerHost { get; set; } = TimeSpan.FromMilliseconds(500);

    public bool RespectRobotsTxt { get; set; } = true;

    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// CIDR ranges exempt from the private-address refusal for every source (e.g. <c>10.1.2.0/24</c> for an
    /// internal mirror). Per-source permission is <c>AllowPrivateAddresses</c>; this is for deployments.
    /// </summary>
    public IList<string> AllowedPrivateNetworks { get; set; } = [];
}
