using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Fetching;

/// <summary>How Langaj behaves as an HTTP client: identity, limits, retries and politeness (section "Fetch").</summary>
/// <remarks>The timeout and retry ranges are those the resilience pipeline (Polly) accepts, checked at start rather than on the first fetch.</remarks>
public sealed class FetchOptions : IValidatableObject
{
    public const string SectionName = "Fetch";

    private static readonly TimeSpan ShortestTimeout = TimeSpan.FromMilliseconds(10);

    /// <summary>Sent on every request; the product token before the slash is also the robots.txt user agent.</summary>
    public string UserAgent { get; set; } = "Langaj/1.0 (+https://github.com/langaj/langaj; feed builder)";

    /// <summary>Limit for one attempt, until the response headers arrive.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Limit for a whole fetch: every attempt, the waits between them and reading the body.</summary>
    public TimeSpan OverallTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The body is read into one array, which holds at most <see cref="int.MaxValue"/> bytes.</summary>
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>0 follows none; browsers give up after 20.</summary>
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

    /// <summary>At most a day: RFC 9309 asks crawlers not to use a cached robots.txt for longer.</summary>
    public TimeSpan RobotsCacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// CIDR ranges exempt from the private-address refusal for every source (e.g. <c>10.1.2.0/24</c> for an
    /// internal mirror). Per-source permission is <c>AllowPrivateAddresses</c>; this is for deployments.
    /// </summary>
    public IList<string> AllowedPrivateNetworks { get; set; } = [];

    /// <summary>What is wrong, a line per setting naming its key; <see cref="FetchOptionsValidator"/> runs this.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        SettingRules.Failures(
            SettingRules.Set("Fetch:UserAgent", UserAgent),
            SettingRules.Within("Fetch:Timeout", Timeout, ShortestTimeout, TimeSpan.FromDays(1)),
            SettingRules.Within("Fetch:OverallTimeout", OverallTimeout, ShortestTimeout, TimeSpan.FromDays(1)),
            SettingRules.Within("Fetch:MaxBodyBytes", MaxBodyBytes, 1, int.MaxValue),
            SettingRules.Within("Fetch:MaxRedirects", MaxRedirects, 0, 20),
            SettingRules.Within("Fetch:MaxRetries", MaxRetries, 0, 10),
            SettingRules.Within("Fetch:RetryDelay", RetryDelay, TimeSpan.Zero, TimeSpan.FromDays(1)),
            SettingRules.Within("Fetch:MaxRetryDelay", MaxRetryDelay, TimeSpan.Zero, TimeSpan.FromDays(1)),
            SettingRules.AtLeast("Fetch:PerHostConcurrency", PerHostConcurrency, 1),
            SettingRules.Within("Fetch:MinDelayPerHost", MinDelayPerHost, TimeSpan.Zero, TimeSpan.FromDays(1)),
            SettingRules.Within("Fetch:RobotsCacheDuration", RobotsCacheDuration, TimeSpan.Zero, TimeSpan.FromDays(1)))
        .Concat(AllowedPrivateNetworks.Where(network => !IPNetwork.TryParse(network, out _)).Select(network =>
            new ValidationResult($"Fetch:AllowedPrivateNetworks: '{network}' is not a network in CIDR notation, e.g. 10.1.2.0/24.")));
}

/// <summary>Checks <see cref="FetchOptions"/> when the host starts (generated).</summary>
[OptionsValidator]
internal sealed partial class FetchOptionsValidator : IValidateOptions<FetchOptions>;
