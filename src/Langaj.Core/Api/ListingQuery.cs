using System.Globalization;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Api;

/// <summary>
/// Reads and validates the listing parameters shared by feeds and the article list
/// (<c>category</c>, <c>source</c>, <c>limit</c>, <c>cursor</c>); anything else is an error, never a guess.
/// </summary>
public static class ListingQuery
{
    public const int MaxLimit = 100;
    public const int MaxValueLength = 200;

    /// <summary>Returns the query, or the errors by parameter name for a problem+json 400.</summary>
    public static ArticleQuery? TryParse(IQueryCollection query, out Dictionary<string, string[]> errors)
    {
        errors = [];
        var category = Single(query, "category", errors);
        var source = Single(query, "source", errors);
        var cursor = Single(query, "cursor", errors);
        var limitText = Single(query, "limit", errors);

        var limit = ArticleQuery.DefaultLimit;
        if (limitText is not null
            && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > MaxLimit))
        {
            errors["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
        }
        if (source is not null && !IsPlainToken(source))
        {
            errors["source"] = ["source must be a source id: letters, digits, '-' or '_'."];
        }
        ArticleCursor? after = null;
        if (cursor is not null && !ArticleCursor.TryParse(cursor, out after))
        {
            errors["cursor"] = ["cursor must be a value returned as 'next' by an earlier page."];
        }
        return errors.Count == 0 ? new ArticleQuery(category, source, limit, after) : null;
    }

    private static string? Single(IQueryCollection query, string name, Dictionary<string, string[]> errors)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }
        if (values.Count != 1)
        {
            errors[name] = [$"{name} may be given once."];
            return null;
        }
        var value = values[0]?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            errors[name] = [$"{name} must not be empty."];
            return null;
        }
        if (value.Length > MaxValueLength || value.Any(char.IsControl))
        {
            errors[name] = [$"{name} must be at most {MaxValueLength} printable characters."];
            return null;
        }
        return value;
    }

    private static bool IsPlainToken(string value) =>
        value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
