namespace Langaj.Core.Storage;

/// <summary>What a listing asks for: newest first, optionally one category or one source.</summary>
public sealed record ArticleQuery(string? Category, string? SourceId, int Limit, ArticleCursor? Cursor)
{
    /// <summary>The page size when a listing names none; the first pages of feeds are published at this size.</summary>
    public const int DefaultLimit = 20;
}

/// <summary>One page of a listing, newest first; <see cref="Next"/> continues it, null at the end.</summary>
public sealed record ArticlePage(IReadOnlyList<Article> Items, ArticleCursor? Next);

/// <summary>The page as fetched, kept compressed so that extraction can be re-run on it later.</summary>
public sealed record RawPage(byte[] Bytes, string? ContentType, Uri FetchedFrom, DateTimeOffset FetchedAt);

/// <summary>The outcome of saving a scraped article.</summary>
public enum SaveOutcome { New, Updated, Unchanged }

/// <summary>What deleting a source's articles did: how many went, and the slugs of the categories they were listed in.</summary>
public sealed record DeletedArticles(int Count, IReadOnlyList<string> CategorySlugs);
