using System.Text;

namespace Langaj.Benchmarks;

/// <summary>
/// The development set split by site into a development half (rules are studied and tuned there) and a validation
/// half (a rule goes in only when it helps here too). A site is the page's host without "www."; for a
/// web.archive.org snapshot, the archived page's host; for a case id such as "hard::site.com-slug", site.com.
/// The rule: FNV-1a (32 bits) of the site in UTF-8, even → development, odd → validation. Every page of a site
/// falls in the same half, so a rule learnt on one site cannot score on its twin pages. The list the rule gives is
/// committed (devset-split.tsv, sorted by site) and read as is: the split stays fixed even if this code changes.
/// </summary>
internal sealed class DevSplit(Dictionary<string, string> halves)
{
    public const string Development = "dev";
    public const string Validation = "validation";

    private const string ListFile = "devset-split.tsv";

    public static DevSplit Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, ListFile);
        var halves = File.ReadLines(path)
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'))
            .ToDictionary(parts => parts[0], parts => parts[1], StringComparer.Ordinal);
        return new DevSplit(halves);
    }

    public string HalfOf(string url)
    {
        var site = SiteOf(url);
        return halves.TryGetValue(site, out var half)
            ? half
            : throw new InvalidDataException($"site {site} is not in {ListFile}: the devset changed, rewrite the list with the `split` verb");
    }

    /// <summary>Writes the list for the given URLs to the file in the bench's source folder.</summary>
    public static int Write(IEnumerable<string> urls, string path)
    {
        var lines = urls.Select(SiteOf).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(site => $"{site}\t{Rule(site)}");
        File.WriteAllLines(path, ["# site<TAB>half: FNV-1a 32 of the site, even = dev, odd = validation (see DevSplit.cs)", .. lines]);
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    public static string Rule(string site)
    {
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(site))
        {
            hash = (hash ^ b) * 16777619u;
        }

        return hash % 2 == 0 ? Development : Validation;
    }

    public static string SiteOf(string url)
    {
        const string hardPrefix = "hard::";
        if (url.StartsWith(hardPrefix, StringComparison.Ordinal))
        {
            var name = url[hardPrefix.Length..];
            var dash = name.IndexOf('-', StringComparison.Ordinal);
            return Host(dash > 0 ? name[..dash] : name);
        }

        var uri = new Uri(url);
        if (uri.Host.Equals("web.archive.org", StringComparison.OrdinalIgnoreCase))
        {
            var at = uri.AbsolutePath.IndexOf("http", StringComparison.Ordinal);
            if (at >= 0 && Uri.TryCreate(uri.AbsolutePath[at..], UriKind.Absolute, out var archived))
            {
                return Host(archived.Host);
            }
        }

        return Host(uri.Host);
    }

    private static string Host(string host)
    {
        var lower = host.ToLowerInvariant();
        return lower.StartsWith("www.", StringComparison.Ordinal) ? lower[4..] : lower;
    }
}
