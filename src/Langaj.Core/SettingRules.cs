using System.ComponentModel.DataAnnotations;

namespace Langaj.Core;

/// <summary>
/// A setting's rule, broken, as a one-line message naming the key operators set (<c>Fetch:MaxRetries</c>) and the
/// value they gave. Data annotations would name the property (<c>FetchOptions.MaxRetries</c>), which appears in no
/// settings file, and the options validator's generated range checks ignore a custom message.
/// </summary>
internal static class SettingRules
{
    public static ValidationResult? Within<T>(string key, T value, T min, T max) where T : IComparable<T> =>
        value.CompareTo(min) < 0 || value.CompareTo(max) > 0 ? new($"{key} must be from {min} to {max}, not {value}.") : null;

    public static ValidationResult? AtLeast<T>(string key, T value, T min) where T : IComparable<T> =>
        value.CompareTo(min) < 0 ? new($"{key} must be at least {min}, not {value}.") : null;

    public static ValidationResult? Set(string key, string? value) =>
        string.IsNullOrWhiteSpace(value) ? new($"{key} must be set.") : null;

    /// <summary>The rules that failed, in the order given.</summary>
    public static IEnumerable<ValidationResult> Failures(params ValidationResult?[] rules) => rules.OfType<ValidationResult>();
}
