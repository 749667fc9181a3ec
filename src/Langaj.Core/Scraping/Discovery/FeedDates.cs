using System.Globalization;
using System.Text.RegularExpressions;

namespace Langaj.Core.Scraping.Discovery;

/// <summary>Dates as feeds and sitemaps write them: RFC 822 (with its many variants) and ISO 8601 / W3C.</summary>
internal static partial class FeedDates
{
    private static readonly string[] s_rfc822Formats =
    [
        "d MMM yyyy HH:mm:ss zzz",
        "d MMM yyyy HH:mm zzz",
        "d MMM yy HH:mm:ss zzz",
        "d MMM yyyy HH:mm:ss",
    ];

    /// <summary>The date, or null when it cannot be read (an item with a bad date is still an item).</summary>
    public static DateTimeOffset? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var value = text.Trim();
        if (char.IsDigit(value[0]) && value.Length >= 10 && value[4] == '-'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var iso))
        {
            return iso;
        }
        // RFC 822: drop the optional day name, turn zone names and "+0100" into what "zzz" reads.
        value = DayName().Replace(value, "");
        value = Zone().Replace(value, m => m.Groups["name"].Success ? ZoneOffset(m.Groups["name"].Value) : $"{m.Groups["sign"].Value}{m.Groups["h"].Value}:{m.Groups["m"].Value}");
        return DateTimeOffset.TryParseExact(value, s_rfc822Formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AllowWhiteSpaces, out var rfc822)
            ? rfc822
            : null;
    }

    private static string ZoneOffset(string name) => name.ToUpperInvariant() switch
    {
        "EST" => "-05:00",
        "EDT" => "-04:00",
        "CST" => "-06:00",
        "CDT" => "-05:00",
        "MST" => "-07:00",
        "MDT" => "-06:00",
        "PST" => "-08:00",
        "PDT" => "-07:00",
        "CET" => "+01:00",
        "CEST" => "+02:00",
        _ => "+00:00", // GMT, UT, UTC, Z
    };

    [GeneratedRegex(@"^[A-Za-z]+,?\s*")]
    private static partial Regex DayName();

    [GeneratedRegex(@"\s(?:(?<name>GMT|UTC|UT|Z|[ECMP][SD]T|CET|CEST)|(?<sign>[+-])(?<h>\d{2}):?(?<m>\d{2}))\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex Zone();
}
