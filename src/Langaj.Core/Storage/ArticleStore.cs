namespace Langaj.Core.Storage;

/// <summary>
/// Articles in Azure Storage: raw pages and cleaned articles in Blob Storage, the index in Table Storage.
/// </summary>
public sealed class ArticleStore
{
    /// <summary>Creates the containers and tables if they do not exist (idempotent).</summary>
    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>One point read; null when no such article.</summary>
    public Task<Article?> GetAsync(string id, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Newest first; with <paramref name="includeContent"/> false, Text and Html are left empty (no blob reads).</summary>
    public Task<ArticlePage> ListAsync(ArticleQuery query, bool includeContent, CancellationToken cancellationToken) => throw new NotImplementedException();

    /// <summary>Stores a scraped article: new, updated (content hash changed) or unchanged.</summary>
    public Task<SaveOutcome> SaveAsync(Article article, RawPage raw, CancellationToken cancellationToken) => throw new NotImplementedException();
}
