using System.Text;

namespace Langaj.Core.Fetching;

/// <summary>The rules of one robots.txt that apply to one user agent (RFC 9309), plus Crawl-delay.</summary>
public sealed class RobotsRules
{
    private readonly IReadOnlyList<(string Pattern, bool Allow)> _rules;

    private RobotsRules(IReadOnlyList<(string Pattern, bool Allow)> rules, TimeSpan? crawlDelay)
    {
        _rules = rules;
        CrawlDelay = crawlDelay;
    }

    public static RobotsRules AllowAll { get; } = new([], null);

    public static RobotsRules DisallowAll { get; } = new([("/", false)], null);

    /// <summary>Disallows everything because robots.txt could not be read, for the reason given.</summary>
    public static RobotsRules UnavailableBecause(FetchException reason) => new([("/", false)], null) { Unavailable = reason };

    /// <summary>Why robots.txt could not be read (unreachable site, server error), when that is why everything is disallowed.</summary>
    public FetchException? Unavailable { get; private init; }

    /// <summary>The sitemaps robots.txt names (<c>Sitemap:</c> lines, which belong to no group).</summary>
    public IReadOnlyList<Uri> Sitemaps { get; private init; } = [];

    /// <summary>The group's Crawl-delay, a non-standard but widely used extension.</summary>
    public TimeSpan? CrawlDelay { get; }

    /// <summary>Whether <paramref name="url"/> may be fetched: the longest matching rule wins, Allow on a tie.</summary>
    public bool IsAllowed(Uri url)
    {
        var path = url.PathAndQuery;
        if (path == "/robots.txt")
        {
            return true;
        }
        var best = -1;
        var allowed = true;
        foreach (var (pattern, allow) in _rules)
        {
            if (pattern.Length >= best && (pattern.Length > best || allow) && Matches(pattern, path))
            {
                best = pattern.Length;
                allowed = allow;
            }
        }
        return allowed;
    }

    /// <summary>Parses robots.txt and keeps the groups for <paramref name="productToken"/>, else those for <c>*</c>.</summary>
    public static RobotsRules Parse(string content, string productToken)
    {
        var ours = new List<(string, bool)>();
        var anyone = new List<(string, bool)>();
        TimeSpan? ourDelay = null, anyoneDelay = null;
        var sitemaps = new List<Uri>();
        bool matchesUs = false, matchesAnyone = false, foundOurGroup = false, inAgentLines = false;

        foreach (var rawLine in content.Split('\n'))
        {
            var line = rawLine;
            var hash = line.IndexOf('#', StringComparison.Ordinal);
            if (hash >= 0)
            {
                line = line[..hash];
            }
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }
            var key = line[..colon].Trim().ToLowerInvariant();
            var value = line[(colon + 1)..].Trim();

            if (key is "user-agent")
            {
                if (!inAgentLines)
                {
                    // A user-agent line after rules starts a new group.
                    matchesUs = matchesAnyone = false;
                    inAgentLines = true;
                }
                var token = value.Split('/', ' ')[0];
                if (token.Equals(productToken, StringComparison.OrdinalIgnoreCase))
                {
                    matchesUs = foundOurGroup = true;
                }
                else if (token == "*")
                {
                    matchesAnyone = true;
                }
                continue;
            }
            if (key is "sitemap")
            {
                if (Uri.TryCreate(value, UriKind.Absolute, out var sitemap) && (sitemap.Scheme == Uri.UriSchemeHttp || sitemap.Scheme == Uri.UriSchemeHttps))
                {
                    sitemaps.Add(sitemap);
                }
                continue;
            }
            inAgentLines = false;
            if (key is "allow" or "disallow")
            {
                // An empty Disallow means "nothing is disallowed": no rule at all.
                if (value.Length == 0)
                {
                    continue;
                }
                var rule = (Normalize(value), key == "allow");
                if (matchesUs)
                {
                    ours.Add(rule);
                }
                if (matchesAnyone)
                {
                    anyone.Add(rule);
                }
            }
            else if (key is "crawl-delay"
                && double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
                && seconds is >= 0 and < 86_400)
            {
                var delay = TimeSpan.FromSeconds(seconds);
                if (matchesUs)
                {
                    ourDelay = delay;
                }
                if (matchesAnyone)
                {
                    anyoneDelay = delay;
                }
            }
        }
        return new RobotsRules(foundOurGroup ? ours : anyone, foundOurGroup ? ourDelay : anyoneDelay) { Sitemaps = sitemaps };
    }

    /// <summary>Percent-encodes non-ASCII characters so patterns compare with <see cref="Uri.PathAndQuery"/>.</summary>
    private static string Normalize(string pattern)
    {
        if (pattern.All(char.IsAscii))
        {
            return pattern;
        }
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(pattern))
        {
            builder.Append(b < 0x80 ? ((char)b).ToString() : $"%{b:X2}");
        }
        return builder.ToString();
    }

    /// <summary>Prefix match where <c>*</c> matches any run of characters and a final <c>$</c> anchors the end.</summary>
    private static bool Matches(string pattern, string path)
    {
        var anchored = pattern.EndsWith('$');
        var p = anchored ? pattern[..^1] : pattern;
        int pi = 0, si = 0, starP = -1, starS = 0;
        while (true)
        {
            if (pi == p.Length && (!anchored || si == path.Length))
            {
                return true;
            }
            if (pi < p.Length && p[pi] == '*')
            {
                starP = pi++;
                starS = si;
            }
            else if (pi < p.Length && si < path.Length && p[pi] == path[si])
            {
                pi++;
                si++;
            }
            else if (starP >= 0 && starS < path.Length)
            {
                // Backtrack: let the last star swallow one more character.
                pi = starP + 1;
                si = ++starS;
            }
            else
            {
                return false;
            }
        }
    }
}
