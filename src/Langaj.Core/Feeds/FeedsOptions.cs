using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Feeds;

/// <summary>How feeds are addressed and cached; configuration section <c>Feeds</c>.</summary>
public sealed class FeedsOptions : IValidatableObject
{
    public const string SectionName = "Feeds";

    /// <summary>
    /// <c>Feeds:PublicBaseUrl</c>: where readers reach the API (e.g. <c>https://langaj.example/</c>); every
    /// absolute URL in a feed (self, paging, OPML) starts with it. Required: a feed cannot be written
    /// without it, and guessing it from the request would let a Host header choose what is cached.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary><c>Feeds:Title</c>: the name of the all-articles feed and of the OPML list.</summary>
    public string Title { get; set; } = "Langaj";

    /// <summary>
    /// <c>Feeds:RevalidateAfter</c>: how long an instance serves its in-memory copy of a pre-rendered
    /// feed before asking Blob Storage (conditionally, by ETag) whether another instance replaced it.
    /// Not negative; no upper bound (the maximum is <see cref="TimeSpan.MaxValue"/>).
    /// </summary>
    public TimeSpan RevalidateAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>What is wrong, a line per setting naming its key; <see cref="FeedsOptionsValidator"/> runs this.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext) =>
        SettingRules.Failures(
            PublicBaseUrl is { IsAbsoluteUri: true } ? null : new ValidationResult("Feeds:PublicBaseUrl must be the absolute URL readers reach the API at, e.g. https://langaj.example/."),
            SettingRules.Set("Feeds:Title", Title),
            SettingRules.AtLeast("Feeds:RevalidateAfter", RevalidateAfter, TimeSpan.Zero));
}

/// <summary>Checks <see cref="FeedsOptions"/> when the host starts (generated).</summary>
[OptionsValidator]
internal sealed partial class FeedsOptionsValidator : IValidateOptions<FeedsOptions>;
