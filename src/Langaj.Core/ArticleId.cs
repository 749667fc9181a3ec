using System.Security.Cryptography;
using System.Text;

namespace Langaj.Core;

/// <summary>
/// Article ids: a hash of the article's normalised URL, so the same article found again (by feed, sitemap
/// or listing, with or without tracking parameters) keeps its id forever and never gets a second one.
/// </summary>
public static class ArticleId
{
    private const int Length = 32;

    // Parameters that only track the reader; they never name a different article.
    private static readonly string[] TrackingPrefixes = ["utm_", "at_", "pk_", "mtm_"];
    private static readonly HashSet<string> TrackingNames =
        new(["fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "xtor", "xtref", "ref", "amp", "_ga", "igshid", "ocid"], StringComparer.OrdinalIgnoreCase);

    public static string For(Uri url)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(url)));
        return Convert.ToHexStringLower(hash)[..Length];
    }

    /// <summary>True for strings shaped like an id; anything else can be refused without a storage call.</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: Length } && id.All(char.IsAsciiHexDigitLower);

    /// <summary>Scheme and host lower-cased, default port, fragment and tracking parameters dropped, parameters sorted.</summary>
    public static string Normalize(Uri url)
    {
        var builder = new UriBuilder(url) { Fragment = "", Host = url.IdnHost.ToLowerInvariant() };
        if (url.IsDefaultPort)
        {
            builder.Port = -1;
        }
        var parameters = url.Query.TrimStart('?')
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Where(p => !IsTracking(p.Split('=')[0]))
            .Order(StringComparer.Ordinal);
        builder.Query = string.Join('&', parameters);
        var path = builder.Path.Length > 1 ? builder.Path.TrimEnd('/') : builder.Path;
        builder.Path = path;
        return builder.Uri.GetComponents(UriComponents.HttpRequestUrl, UriFormat.UriEscaped);
    }

    private static bool IsTracking(string name) =>
        TrackingNames.Contains(name) || TrackingPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase));
}
