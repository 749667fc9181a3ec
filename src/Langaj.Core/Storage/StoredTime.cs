using System.Globalization;

namespace Langaj.Core.Storage;

/// <summary>Times as storage keeps them, in table properties and blob metadata.</summary>
internal static class StoredTime
{
    // ISO 8601 text rather than Edm.DateTime, which would drop the publisher's UTC offset.
    public static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    public static DateTimeOffset? Parse(string? text) =>
        text is null ? null : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
