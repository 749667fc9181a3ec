using AngleSharp.Dom;

namespace Langaj.Core.Extraction;

/// <summary>Lazy-loaded images resolved to their real source, and every URL in the body made absolute.</summary>
internal static class Images
{
    private static readonly string[] LazySources = ["data-src", "data-lazy-src", "data-original", "data-lazy", "data-url", "data-hi-res-src", "data-full-src"];
    private static readonly string[] LazySourceSets = ["data-srcset", "data-lazy-srcset"];

    public static bool HasRealSource(IElement image)
    {
        var src = image.GetAttribute("src");
        return src is { Length: > 0 }
            && !src.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
            && !src.Contains("placeholder", StringComparison.OrdinalIgnoreCase)
            && !src.Contains("blank.gif", StringComparison.OrdinalIgnoreCase)
            && !src.Contains("spacer.gif", StringComparison.OrdinalIgnoreCase)
            && !src.Contains("lazy", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Resolves lazy images and absolutises href/src/srcset in a body about to be sanitized.</summary>
    public static void Resolve(IElement body, Uri baseUrl)
    {
        foreach (var element in body.QuerySelectorAll("img, source, a"))
        {
            if (element.LocalName == "a")
            {
                Absolutise(element, "href", baseUrl);
                continue;
            }

            if (element.LocalName == "img" && !HasRealSource(element))
            {
                var lazy = LazySources.Select(element.GetAttribute).FirstOrDefault(v => v is { Length: > 0 } && !v.StartsWith("data:", StringComparison.Ordinal));
                if (lazy is not null)
                {
                    element.SetAttribute("src", lazy);
                }
            }

            if (LazySourceSets.Select(element.GetAttribute).FirstOrDefault(v => v is { Length: > 0 }) is { } lazySet)
            {
                element.SetAttribute("srcset", lazySet);
            }

            if (element.LocalName == "img" && !HasRealSource(element) && LargestFromSet(element.GetAttribute("srcset")) is { } largest)
            {
                element.SetAttribute("src", largest);
            }

            Absolutise(element, "src", baseUrl);
            if (element.GetAttribute("srcset") is { Length: > 0 } srcset)
            {
                element.SetAttribute("srcset", AbsoluteSet(srcset, baseUrl));
            }
        }
    }

    private static void Absolutise(IElement element, string attribute, Uri baseUrl)
    {
        var value = element.GetAttribute(attribute);
        if (value is null || value.StartsWith('#'))
        {
            return;
        }

        if (MetadataReader.Absolute(baseUrl, value) is { } absolute)
        {
            element.SetAttribute(attribute, absolute);
        }
    }

    private static string? LargestFromSet(string? srcset)
    {
        if (string.IsNullOrWhiteSpace(srcset))
        {
            return null;
        }

        string? best = null;
        var bestSize = -1.0;
        foreach (var candidate in srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = candidate.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var size = parts.Length > 1 && double.TryParse(parts[1].TrimEnd('w', 'x'), System.Globalization.CultureInfo.InvariantCulture, out var s) ? s : 0;
            if (size > bestSize)
            {
                best = parts[0];
                bestSize = size;
            }
        }

        return best;
    }

    private static string AbsoluteSet(string srcset, Uri baseUrl) =>
        string.Join(", ", srcset.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(candidate =>
        {
            var parts = candidate.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries);
            var url = MetadataReader.Absolute(baseUrl, parts[0]) ?? parts[0];
            return parts.Length > 1 ? url + " " + parts[1] : url;
        }));
}
