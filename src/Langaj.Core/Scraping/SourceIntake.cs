using System.Text.Json;
using System.Text.Json.Nodes;
using Langaj.Core.Fetching;
using Langaj.Core.Scraping.Discovery;
using Langaj.Core.Sources;

namespace Langaj.Core.Scraping;

/// <summary>What <see cref="SourceIntake.PutAsync"/> did with an entry.</summary>
public abstract record SourcePutResult
{
    /// <summary>Stored (<paramref name="Created"/>: it is new); <paramref name="Found"/> says what discovery found when the entry gave only a site.</summary>
    public sealed record Stored(SourceDefinition Source, bool Created, FoundDiscovery? Found) : SourcePutResult;

    /// <summary>The entry breaks the sources file's rules; every problem, nothing stored.</summary>
    public sealed record Invalid(IReadOnlyList<string> Problems) : SourcePutResult;

    /// <summary>The entry gave only a site, where no feed or sitemap was found; why, nothing stored.</summary>
    public sealed record NotDiscovered(string Reason) : SourcePutResult;
}

/// <summary>
/// Adds or replaces a source from a <c>sources.json</c> entry, checked as the file is, for the operator endpoint and
/// the <c>sources add</c> verb alike. An entry may give, instead of <c>feed</c>, <c>sitemap</c> or <c>listing</c>, only
/// the site's home page (<c>"site": { "url" }</c>): <see cref="SiteDiscovery"/> finds the feed or sitemap there, fetching
/// as the source will (private addresses only if the entry's <c>allowPrivateAddresses</c> says so).
/// </summary>
public sealed class SourceIntake(SiteDiscovery discovery, SourceCatalog catalog)
{
    public const string SiteField = "site";

    public async Task<SourcePutResult> PutAsync(JsonElement entry, string id, CancellationToken cancellationToken)
    {
        Uri? home = null;
        var problems = new List<string>();
        if (entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(SiteField, out var site))
        {
            (entry, home) = WithoutSite(entry, site, $"source \"{id}\"", problems);
        }
        SourceDefinition? source = null;
        try
        {
            source = SourcesFile.ParseEntry(entry, id);
        }
        catch (SourcesFileException e)
        {
            problems.AddRange(e.Problems);
        }
        if (problems.Count > 0 || source is null)
        {
            return new SourcePutResult.Invalid(problems);
        }
        FoundDiscovery? found = null;
        if (home is not null)
        {
            try
            {
                found = await discovery.FindAsync(home, source.AllowPrivateAddresses, cancellationToken);
            }
            catch (Exception e) when (e is FetchException or DiscoveryException)
            {
                return new SourcePutResult.NotDiscovered(e.Message);
            }
            source = source with { Discovery = found.Kind, DiscoveryUrl = found.Url };
        }
        return new SourcePutResult.Stored(source, await catalog.PutAsync(source, cancellationToken), found);
    }

    /// <summary>
    /// The entry with the site's home page standing in as its feed, so that the file's rules check the rest; the home
    /// page itself (null, with the problem added, when <paramref name="site"/> is wrong or comes with another discovery field).
    /// </summary>
    private static (JsonElement Entry, Uri? Home) WithoutSite(JsonElement entry, JsonElement site, string label, List<string> problems)
    {
        var standIn = JsonNode.Parse(entry.GetRawText())!.AsObject();
        standIn.Remove(SiteField);
        if (SourcesFile.DiscoveryFields.Any(standIn.ContainsKey))
        {
            problems.Add($"{label}: field \"{SiteField}\": give either it or one of {string.Join(", ", SourcesFile.DiscoveryFields)}.");
            return (JsonSerializer.SerializeToElement(standIn), null);
        }
        var text = site.ValueKind == JsonValueKind.Object && site.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var home) || (home.Scheme != Uri.UriSchemeHttp && home.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add(text is null
                ? $"{label}: field \"{SiteField}\": expected an object {{ \"url\": the site's home page }}."
                : $"{label}: field \"{SiteField}.url\": \"{text}\" is not an absolute http or https URL.");
            home = null;
        }
        // Any valid URL does as the stand-in when the site's is wrong: its problem is already listed.
        standIn["feed"] = new JsonObject { ["url"] = home?.AbsoluteUri ?? "https://site.invalid/" };
        return (JsonSerializer.SerializeToElement(standIn), home);
    }
}
