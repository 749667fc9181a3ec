using System.Text.Json;

namespace Langaj.Core.Extraction;

/// <summary>The article facts of a page's JSON-LD blocks (schema.org Article and its kinds, BreadcrumbList).</summary>
internal sealed class JsonLd
{
    private static readonly JsonDocumentOptions Options = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
        MaxDepth = 64,
    };

    public string? Headline { get; private set; }
    public List<string> Authors { get; } = [];
    public string? DatePublished { get; private set; }
    public string? DateModified { get; private set; }
    public string? Section { get; private set; }
    public List<string> Keywords { get; } = [];
    public string? Image { get; private set; }
    public string? Body { get; private set; }
    public string? Language { get; private set; }
    public string? Url { get; private set; }
    public string? Description { get; private set; }
    public string? Publisher { get; private set; }
    public List<string> Breadcrumb { get; } = [];
    public bool HasArticle { get; private set; }
    public bool HasWebsiteOnly { get; private set; }

    public void Add(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json.Trim().TrimEnd(';'), Options);
            Visit(document.RootElement, 0);
        }
        catch (JsonException)
        {
            // Broken JSON-LD is common (unescaped quotes, HTML entities): the other sources still count.
        }
    }

    private void Visit(JsonElement element, int depth)
    {
        if (depth > 8)
        {
            return;
        }

        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Visit(item, depth + 1);
            }

            return;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (element.TryGetProperty("@graph", out var graph))
        {
            Visit(graph, depth + 1);
        }

        var types = Types(element);
        if (types.Any(IsArticleType))
        {
            ReadArticle(element);
        }
        else if (types.Contains("BreadcrumbList") && Breadcrumb.Count == 0)
        {
            ReadBreadcrumb(element);
        }
        else if (types.Contains("WebSite") || types.Contains("CollectionPage"))
        {
            HasWebsiteOnly = !HasArticle;
        }

        if (element.TryGetProperty("mainEntity", out var main))
        {
            Visit(main, depth + 1);
        }
    }

    private static bool IsArticleType(string type) =>
        type.EndsWith("Article", StringComparison.Ordinal) || type is "BlogPosting" or "LiveBlogPosting" or "Report" or "SocialMediaPosting";

    private void ReadArticle(JsonElement article)
    {
        if (HasArticle)
        {
            return;
        }

        HasArticle = true;
        HasWebsiteOnly = false;
        Headline = String(article, "headline") ?? String(article, "name");
        DatePublished = String(article, "datePublished") ?? String(article, "dateCreated");
        DateModified = String(article, "dateModified");
        Section = FirstString(article, "articleSection");
        Body = String(article, "articleBody");
        Language = String(article, "inLanguage");
        Description = String(article, "description");
        Url = String(article, "url") ?? Id(article, "mainEntityOfPage");
        Image = ImageUrl(article, "image") ?? ImageUrl(article, "thumbnailUrl");
        if (article.TryGetProperty("publisher", out var publisher))
        {
            Publisher = Name(publisher);
        }

        if (article.TryGetProperty("author", out var author))
        {
            foreach (var one in author.ValueKind == JsonValueKind.Array ? author.EnumerateArray().ToArray() : [author])
            {
                if (Name(one) is { Length: > 0 } name)
                {
                    Authors.Add(name);
                }
            }
        }

        if (article.TryGetProperty("keywords", out var keywords))
        {
            var values = keywords.ValueKind == JsonValueKind.Array
                ? keywords.EnumerateArray().Where(k => k.ValueKind == JsonValueKind.String).Select(k => k.GetString()!)
                : keywords.ValueKind == JsonValueKind.String ? keywords.GetString()!.Split(',') : [];
            Keywords.AddRange(values.Select(k => k.Trim()).Where(k => k.Length > 0));
        }
    }

    private void ReadBreadcrumb(JsonElement list)
    {
        if (!list.TryGetProperty("itemListElement", out var items) || items.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var ordered = items.EnumerateArray()
            .Where(i => i.ValueKind == JsonValueKind.Object)
            .Select((item, index) => (Position: item.TryGetProperty("position", out var p) && p.ValueKind == JsonValueKind.Number ? p.GetDouble() : index, Item: item))
            .OrderBy(i => i.Position);
        foreach (var (_, item) in ordered)
        {
            var name = String(item, "name") ?? (item.TryGetProperty("item", out var inner) ? Name(inner) : null);
            if (name is { Length: > 0 })
            {
                Breadcrumb.Add(name);
            }
        }
    }

    private static List<string> Types(JsonElement element)
    {
        if (!element.TryGetProperty("@type", out var type))
        {
            return [];
        }

        return type.ValueKind switch
        {
            JsonValueKind.String => [type.GetString()!],
            JsonValueKind.Array => type.EnumerateArray().Where(t => t.ValueKind == JsonValueKind.String).Select(t => t.GetString()!).ToList(),
            _ => [],
        };
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text.Trim()
            : null;

    private static string? FirstString(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString()?.Trim(),
            JsonValueKind.Array => value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).FirstOrDefault(v => v.Length > 0),
            _ => null,
        };
    }

    private static string? Name(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString()?.Trim(),
        JsonValueKind.Object => String(element, "name"),
        JsonValueKind.Array => element.EnumerateArray().Select(Name).FirstOrDefault(n => n is { Length: > 0 }),
        _ => null,
    };

    private static string? Id(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Object ? String(value, "@id") ?? String(value, "url") : null
            : null;

    private static string? ImageUrl(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Object => String(value, "url") ?? String(value, "contentUrl"),
            JsonValueKind.Array => value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.ValueKind == JsonValueKind.Object ? String(v, "url") : null).FirstOrDefault(v => v is { Length: > 0 }),
            _ => null,
        };
    }
}
