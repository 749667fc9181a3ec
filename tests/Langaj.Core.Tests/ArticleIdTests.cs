namespace Langaj.Core.Tests;

public sealed class ArticleIdTests
{
    [Theory]
    [InlineData("https://www.example.fr/actu/article-1", "https://WWW.Example.FR:443/actu/article-1")]
    [InlineData("https://www.example.fr/actu/article-1", "https://www.example.fr/actu/article-1/")]
    [InlineData("https://www.example.fr/actu/article-1", "https://www.example.fr/actu/article-1#comments")]
    [InlineData("https://www.example.fr/actu/article-1", "https://www.example.fr/actu/article-1?utm_source=rss&utm_medium=feed&xtor=RSS-1")]
    [InlineData("https://www.example.fr/a?id=3&page=2", "https://www.example.fr/a?page=2&fbclid=x&id=3")]
    public void The_same_article_found_another_way_keeps_its_id(string first, string second) =>
        Assert.Equal(ArticleId.For(new Uri(first)), ArticleId.For(new Uri(second)));

    [Theory]
    [InlineData("https://www.example.fr/actu/article-1", "https://www.example.fr/actu/article-2")]
    [InlineData("https://www.example.fr/a?id=3", "https://www.example.fr/a?id=4")]
    [InlineData("https://www.example.fr/a", "https://example.org/a")]
    public void Different_articles_get_different_ids(string first, string second) =>
        Assert.NotEqual(ArticleId.For(new Uri(first)), ArticleId.For(new Uri(second)));

    [Fact]
    public void Ids_are_well_formed_and_nothing_else_is()
    {
        var id = ArticleId.For(new Uri("https://www.example.fr/actu/article-1"));

        Assert.True(ArticleId.IsWellFormed(id));
        Assert.Equal(32, id.Length);
        Assert.False(ArticleId.IsWellFormed(id.ToUpperInvariant()));
        Assert.False(ArticleId.IsWellFormed("../../etc/passwd"));
        Assert.False(ArticleId.IsWellFormed("x' or PartitionKey ne '"));
        Assert.False(ArticleId.IsWellFormed(null));
    }
}
