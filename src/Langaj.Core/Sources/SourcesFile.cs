using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Css.Parser;
using Cronos;

namespace Langaj.Core.Sources;

/// <summary>An invalid sources file or entry; the message lists every problem with the source and field it concerns.</summary>
public sealed class SourcesFileException(string message, IReadOnlyList<string>? problems = null) : Exception(message)
{
    /// <summary>Each problem on its own, for answers that list them (the operator API).</summary>
    public IReadOnlyList<string> Problems { get; } = problems ?? [message];

    /// <summary>The problems of one entry, the message listing them one a line.</summary>
    public static SourcesFileException InvalidEntry(IReadOnlyList<string> problems) =>
        new($"invalid source:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems), problems);
}

/// <summary>
/// Reads <c>{ "sources": [ { "id", "name", "language", "feed" | "sitemap" | "listing": { "url", "linkSelector" },
/// "contentSelector"?, "removeSelectors"?, "schedule"?, "allowPrivateAddresses"?, "timeZone"? } ] }</c>.
/// Every problem is reported at once, each naming the source and the field, so an operator fixes the file in one go.
/// </summary>
public static partial class SourcesFile
{
    /// <summary>The fields that say how a source's articles are found; an entry has exactly one.</summary>
    internal static readonly string[] DiscoveryFields = ["feed", "sitemap", "listing"];
    private static readonly HashSet<string> KnownFields =
        ["id", "name", "language", "feed", "sitemap", "listing", "contentSelector", "removeSelectors", "schedule", "allowPrivateAddresses", "timeZone"];

    public static IReadOnlyList<SourceDefinition> Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new SourcesFileException($"{path}: no such sources file (pass --sources FILE, or set Sources:File).");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public static IReadOnlyList<SourceDefinition> Parse(string json, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new SourcesFileException($"{fileName}: not valid JSON: {e.Message}");
        }

        using (document)
        {
            var errors = new List<string>();
            var sources = new List<SourceDefinition>();
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("sources", out var list)
                || list.ValueKind != JsonValueKind.Array)
            {
                throw new SourcesFileException($"{fileName}: expected an object with a \"sources\" array.");
            }

            var index = 0;
            // By the id as written, so a duplicate is reported even when either entry has other problems.
            var firstWithId = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var element in list.EnumerateArray())
            {
                index++;
                var source = ReadSource(element, IdOf(element) is { } written ? $"source \"{written}\" (#{index})" : $"source #{index}", errors);
                if (IdOf(element) is { } id && !firstWithId.TryAdd(id, index))
                {
                    errors.Add($"source \"{id}\" (#{index}): field \"id\": duplicate id (source #{firstWithId[id]} has it too).");
                    continue;
                }
                if (source is not null)
                {
                    sources.Add(source);
                }
            }

            if (errors.Count > 0)
            {
                throw new SourcesFileException($"{fileName}: invalid sources:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", errors));
            }
            return sources;
        }
    }

    /// <summary>
    /// One entry, shaped as in the file, for the source <paramref name="id"/> (the entry's own <c>id</c> may be left out);
    /// checked as the file is, every problem listed in the <see cref="SourcesFileException"/>.
    /// </summary>
    public static SourceDefinition ParseEntry(JsonElement element, string id)
    {
        var label = $"source \"{id}\"";
        var errors = new List<string>();
        if (element.ValueKind == JsonValueKind.Object && IdOf(element) is { } written && written != id)
        {
            errors.Add($"{label}: field \"id\": \"{written}\" is not the id the entry is given under.");
        }
        else if (element.ValueKind == JsonValueKind.Object && !element.TryGetProperty("id", out _))
        {
            var withId = JsonNode.Parse(element.GetRawText())!.AsObject();
            withId.Insert(0, "id", id);
            element = JsonSerializer.SerializeToElement(withId);
        }
        var source = errors.Count == 0 ? ReadSource(element, label, errors) : null;
        if (source is null)
        {
            throw SourcesFileException.InvalidEntry(errors);
        }
        return source;
    }

    /// <summary>The entry as the file would hold it; <see cref="ParseEntry"/> reads it back to the same source.</summary>
    public static JsonObject ToJson(SourceDefinition source)
    {
        var discovery = new JsonObject { ["url"] = source.DiscoveryUrl.AbsoluteUri };
        if (source.LinkSelector is { } linkSelector)
        {
            discovery["linkSelector"] = linkSelector;
        }
        var entry = new JsonObject
        {
            ["id"] = source.Id,
            ["name"] = source.Name,
            ["language"] = source.Language,
            [source.Discovery.ToString().ToLowerInvariant()] = discovery,
        };
        if (source.ContentSelector is { } contentSelector)
        {
            entry["contentSelector"] = contentSelector;
        }
        if (source.RemoveSelectors.Count > 0)
        {
            entry["removeSelectors"] = new JsonArray([.. source.RemoveSelectors.Select(s => JsonValue.Create(s))]);
        }
        if (source.Schedule is { } schedule)
        {
            entry["schedule"] = schedule;
        }
        if (source.AllowPrivateAddresses)
        {
            entry["allowPrivateAddresses"] = true;
        }
        if (source.TimeZone is { } timeZone)
        {
            entry["timeZone"] = timeZone;
        }
        return entry;
    }

    private static SourceDefinition? ReadSource(JsonElement element, string label, List<string> errors)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            errors.Add($"{label}: expected an object.");
            return null;
        }

        var id = IdOf(element);
        var before = errors.Count;
        void Fail(string field, string problem) => errors.Add($"{label}: field \"{field}\": {problem}");

        foreach (var property in element.EnumerateObject().Where(p => !KnownFields.Contains(p.Name)))
        {
            Fail(property.Name, "unknown field (expected one of: " + string.Join(", ", KnownFields) + ").");
        }

        if (element.TryGetProperty("id", out var idElement) && idElement.ValueKind != JsonValueKind.String)
        {
            Fail("id", $"wrong type: expected a string, got {Describe(idElement.ValueKind)}.");
        }
        else if (id is null || !SourceIdPattern().IsMatch(id))
        {
            Fail("id", "required: 1 to 64 characters among lower-case letters a-z, digits 0-9 and hyphens '-'.");
        }
        var name = RequiredString(element, "name", Fail);
        var language = RequiredString(element, "language", Fail);
        if (language is not null && !LanguagePattern().IsMatch(language))
        {
            Fail("language", $"\"{language}\" is not a language tag such as \"fr\" or \"fr-CA\".");
        }

        var present = DiscoveryFields.Where(f => element.TryGetProperty(f, out _)).ToList();
        DiscoveryKind kind = default;
        Uri? url = null;
        string? linkSelector = null;
        if (present.Count != 1)
        {
            Fail("feed|sitemap|listing", present.Count == 0 ? "one of them is required." : "give only one of them.");
        }
        else
        {
            var field = present[0];
            kind = Enum.Parse<DiscoveryKind>(field, ignoreCase: true);
            var discovery = element.GetProperty(field);
            if (discovery.ValueKind != JsonValueKind.Object)
            {
                Fail(field, "expected an object { \"url\": ... }.");
            }
            else
            {
                var urlText = RequiredString(discovery, "url", (f, p) => Fail($"{field}.{f}", p));
                if (urlText is not null
                    && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
                {
                    Fail($"{field}.url", $"\"{urlText}\" is not an absolute http or https URL.");
                }
                if (kind == DiscoveryKind.Listing)
                {
                    linkSelector = RequiredString(discovery, "linkSelector", (f, p) => Fail($"{field}.{f}", p));
                    CheckSelector(linkSelector, $"{field}.linkSelector", Fail);
                }
            }
        }

        var contentSelector = OptionalString(element, "contentSelector", Fail);
        CheckSelector(contentSelector, "contentSelector", Fail);

        var removeSelectors = new List<string>();
        if (element.TryGetProperty("removeSelectors", out var removes))
        {
            if (removes.ValueKind != JsonValueKind.Array || removes.EnumerateArray().Any(e => e.ValueKind != JsonValueKind.String))
            {
                Fail("removeSelectors", "expected an array of CSS selectors.");
            }
            else
            {
                foreach (var selector in removes.EnumerateArray().Select(e => e.GetString()!))
                {
                    CheckSelector(selector, "removeSelectors", Fail);
                    removeSelectors.Add(selector);
                }
            }
        }

        var schedule = OptionalString(element, "schedule", Fail);
        if (schedule is not null && ScheduleProblem(schedule) is { } problem)
        {
            Fail("schedule", problem);
        }

        var timeZone = OptionalString(element, "timeZone", Fail);
        if (timeZone is not null && !(TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) && zone.HasIanaId))
        {
            Fail("timeZone", $"\"{timeZone}\" is not an IANA time zone id, e.g. \"Europe/Paris\" or \"America/Port-au-Prince\".");
        }

        var allowPrivate = false;
        if (element.TryGetProperty("allowPrivateAddresses", out var allow))
        {
            if (allow.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                allowPrivate = allow.GetBoolean();
            }
            else
            {
                Fail("allowPrivateAddresses", "expected true or false.");
            }
        }

        if (errors.Count > before)
        {
            return null;
        }
        return new SourceDefinition
        {
            Id = id!,
            Name = name!,
            Language = language!,
            Discovery = kind,
            DiscoveryUrl = url!,
            LinkSelector = linkSelector,
            ContentSelector = contentSelector,
            RemoveSelectors = removeSelectors,
            Schedule = schedule,
            AllowPrivateAddresses = allowPrivate,
            TimeZone = timeZone,
        };
    }

    /// <summary>True for an id a source may have: lower-case letters, digits and hyphens, 1 to 64.</summary>
    public static bool IsValidId(string id) => SourceIdPattern().IsMatch(id);

    private static string? IdOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;

    private static readonly string[] CronFields = ["minute (0-59)", "hour (0-23)", "day of month (1-31)", "month (1-12)", "day of week (0-6)"];

    /// <summary>What is wrong with a cron schedule, naming the field at fault; null when it is valid.</summary>
    internal static string? ScheduleProblem(string schedule)
    {
        if (CronExpression.TryParse(schedule, out _))
        {
            return null;
        }
        var fields = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length != 5)
        {
            return $"\"{schedule}\" has {fields.Length} fields; a cron expression has 5 (minute hour day month weekday), e.g. \"*/15 * * * *\".";
        }
        // Each field alone among stars: the first that fails on its own is the one to fix.
        for (var i = 0; i < fields.Length; i++)
        {
            var alone = string.Join(' ', Enumerable.Range(0, 5).Select(j => j == i ? fields[i] : "*"));
            if (!CronExpression.TryParse(alone, out _))
            {
                return $"\"{schedule}\": field {i + 1}, {CronFields[i]}, \"{fields[i]}\" is out of range or not valid.";
            }
        }
        return $"\"{schedule}\" is not a valid cron expression (minute hour day month weekday), e.g. \"*/15 * * * *\".";
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        JsonValueKind.Null => "null",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static string? RequiredString(JsonElement element, string field, Action<string, string> fail)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            fail(field, "required, a non-empty string.");
            return null;
        }
        if (value.ValueKind != JsonValueKind.String)
        {
            fail(field, $"wrong type: expected a string, got {Describe(value.ValueKind)}.");
            return null;
        }
        if (string.IsNullOrWhiteSpace(value.GetString()))
        {
            fail(field, "required, a non-empty string.");
            return null;
        }
        return value.GetString()!.Trim();
    }

    private static string? OptionalString(JsonElement element, string field, Action<string, string> fail)
    {
        if (!element.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString()))
        {
            return value.GetString()!.Trim();
        }
        fail(field, value.ValueKind == JsonValueKind.String ? "expected a non-empty string." : $"wrong type: expected a string, got {Describe(value.ValueKind)}.");
        return null;
    }

    private static void CheckSelector(string? selector, string field, Action<string, string> fail)
    {
        if (selector is not null && new CssSelectorParser().ParseSelector(selector) is null)
        {
            fail(field, $"\"{selector}\" is not a valid CSS selector.");
        }
    }

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex SourceIdPattern();

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$")]
    private static partial Regex LanguagePattern();
}
