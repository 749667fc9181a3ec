namespace Langaj.Core.Api;

/// <summary>
/// Which browser origins may read the anonymous routes (configuration section <c>Cors</c>); <see cref="PublicReads"/>
/// builds the read routes' policy from it. Not ASP.NET Core's CORS options: those hold named policies, and Langaj names none.
/// </summary>
public sealed class CorsOptions
{
    public const string SectionName = "Cors";

    /// <summary>
    /// <c>Cors:AllowedOrigins</c>: origins allowed to read with scripts (e.g. <c>https://app.example</c>);
    /// none (the default) or <c>*</c> is any origin: the reads are public.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];
}
