using System.Globalization;
using System.Text.RegularExpressions;

namespace Langaj.Core.Extraction;

/// <summary>
/// Dates as French pages print them ("14 octobre 2024 à 9h30", "Publié le 3 mars 2025 à 18h05",
/// "Mis à jour le 1er avril 2025"), read as wall-clock time in the source's zone and returned in UTC.
/// </summary>
internal static partial class FrenchDate
{
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    [GeneratedRegex(@"(?:(?<kind>publi[ée]+|mis\s+à\s+jour|mise\s+à\s+jour|modifi[ée]+|actualis[ée]+)\s*(?:le|:)?\s*)?(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?<d>\d{1,2})(?:er)?\s+(?<m>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)\s+(?<y>\d{4})(?:\s*(?:à|a|,|-)?\s*(?<h>\d{1,2})\s*(?:h|:)\s*(?<min>\d{2})?)?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    /// <summary>The publication and update dates printed in a text, when it prints them.</summary>
    public static (DateTimeOffset? Published, DateTimeOffset? Modified) Find(string text, TimeZoneInfo zone)
    {
        DateTimeOffset? published = null;
        DateTimeOffset? modified = null;
        DateTimeOffset? unlabelled = null;
        foreach (Match match in Pattern().Matches(text))
        {
            if (ToUtc(match, zone) is not { } value)
            {
                continue;
            }

            var kind = match.Groups["kind"].Value.ToLowerInvariant();
            if (kind.StartsWith("publi", StringComparison.Ordinal))
            {
                published ??= value;
            }
            else if (kind.Length > 0)
            {
                modified ??= value;
            }
            else
            {
                unlabelled ??= value;
            }

            if (published is not null && modified is not null)
            {
                break;
            }
        }

        return (published ?? unlabelled, modified);
    }

    /// <summary>Wall-clock time in a zone to UTC, daylight saving included.</summary>
    public static DateTimeOffset FromLocal(DateTime local, TimeZoneInfo zone)
    {
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var offset = zone.IsInvalidTime(unspecified) ? zone.BaseUtcOffset : zone.GetUtcOffset(unspecified);
        return new DateTimeOffset(unspecified, offset).ToUniversalTime();
    }

    private static DateTimeOffset? ToUtc(Match match, TimeZoneInfo zone)
    {
        var month = MonthNumber(match.Groups["m"].Value);
        var day = int.Parse(match.Groups["d"].Value, CultureInfo.InvariantCulture);
        var year = int.Parse(match.Groups["y"].Value, CultureInfo.InvariantCulture);
        var hour = match.Groups["h"].Success ? int.Parse(match.Groups["h"].Value, CultureInfo.InvariantCulture) : 0;
        var minute = match.Groups["min"].Success ? int.Parse(match.Groups["min"].Value, CultureInfo.InvariantCulture) : 0;
        if (month == 0 || year < 1990 || year > 2100 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59)
        {
            return null;
        }

        return FromLocal(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), zone);
    }

    private static int MonthNumber(string name)
    {
        var folded = name.ToLowerInvariant().Replace('e', 'é').Replace('u', 'û');
        for (var i = 0; i < Months.Length; i++)
        {
            var month = Months[i].Replace('e', 'é').Replace('u', 'û');
            if (folded == month)
            {
                return i + 1;
            }
        }

        return 0;
    }
}
