namespace Langaj.Core.Storage;

/// <summary>A category that has articles: its slug (the listing key), its name as last seen, and its newest article's time.</summary>
public sealed record CategoryInfo(string Slug, string Name, DateTimeOffset LastArticle);
