using System.Globalization;
using System.Text;

namespace Langaj.Core.Storage;

/// <summary>
/// The key of a category in listings and URLs: lower case, accents folded, anything but letters and digits
/// turned into single hyphens. Idempotent, so <c>?category=Guerre Russie Ukraine</c> and
/// <c>?category=guerre-russie-ukraine</c> name the same listing.
/// </summary>
public static class CategorySlug
{
    private const int MaxLength = 100;

    /// <summary>The slug of a category name (or of a slug); empty when the name has no letter or digit.</summary>
    public static string From(string name)
    {
        var slug = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            var folded = lower switch
            {
                'œ' => "oe",
                'æ' => "ae",
                'ß' => "ss",
                _ => null,
            };
            if (folded is not null)
            {
                slug.Append(folded);
            }
            else if (char.IsLetterOrDigit(lower))
            {
                slug.Append(lower);
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
            if (slug.Length >= MaxLength)
            {
                break;
            }
        }
        return slug.ToString(0, Math.Min(slug.Length, MaxLength)).Trim('-').Normalize(NormalizationForm.FormC);
    }
}
