using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Api;

/// <summary>
/// Which browser origins may read the anonymous routes (configuration section <c>Cors</c>); <see cref="PublicReads"/>
/// builds the read routes' policy from it. Not ASP.NET Core's CORS options: those hold named policies, and Langaj names none.
/// </summary>
public sealed class CorsOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    /// <summary>
    /// <c>Cors:AllowedOrigins</c>: origins allowed to read with scripts (e.g. <c>https://app.example</c>);
    /// none (the default) or <c>*</c> is any origin: the reads are public.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>
    /// Each entry is an origin as a browser sends it, else it would never match and the reads it was meant to allow
    /// would fail without a word; <see cref="CorsOptionsValidator"/> runs this.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        AllowedOrigins.Where(origin => origin != "*" && !IsOrigin(origin)).Select(origin => new ValidationResult(
            $"Cors:AllowedOrigins: '{origin}' is not an origin (http or https, a host, a port unless the default, and nothing after), e.g. https://app.example."));

    private static bool IsOrigin(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri)
        && uri.Scheme is "http" or "https"
        && string.Equals(origin, uri.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);
}

/// <summary>Checks <see cref="CorsOptions"/> when the host starts (generated).</summary>
[OptionsValidator]
internal sealed partial class CorsOptionsValidator : IValidateOptions<CorsOptions>;
