using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Unicode;

namespace Langaj.Core.Storage;

/// <summary>
/// Where a listing continues: the last listing row key of a page, base64url-encoded for URLs. Only
/// <see cref="TryParse"/> makes one from text, so a listing is never asked to continue from a bad cursor.
/// </summary>
public sealed record ArticleCursor
{
    private ArticleCursor(string rowKey) => RowKey = rowKey;

    /// <summary>The listing row key the next page starts after.</summary>
    internal string RowKey { get; }

    /// <summary>The cursor of the page that ends at the listing row <paramref name="rowKey"/>.</summary>
    internal static ArticleCursor After(string rowKey) => new(rowKey);

    /// <summary>Reads a cursor handed out as a page's <c>next</c>; false for anything else (no exception).</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ArticleCursor? cursor)
    {
        cursor = null;
        if (string.IsNullOrEmpty(text) || !text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return false;
        }
        var bytes = new byte[Base64Url.GetMaxDecodedLength(text.Length)];
        if (Base64Url.DecodeFromChars(text, bytes, out _, out var written) != OperationStatus.Done)
        {
            return false;
        }
        if (!Utf8.IsValid(bytes.AsSpan(0, written)) || Encoding.UTF8.GetString(bytes, 0, written) is not { } rowKey || !ArticleIndex.IsListingRowKey(rowKey))
        {
            return false;
        }
        cursor = new ArticleCursor(rowKey);
        return true;
    }

    /// <summary>The text form, as pages hand it out and <see cref="TryParse"/> reads it.</summary>
    public override string ToString() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(RowKey));
}
