using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;
using Langaj.Core.Scraping;
using Langaj.Core.Storage;

namespace Langaj.Core.Tests;

/// <summary>
/// What is stored of an article keeps the shape stored data has, whatever shape the model takes: the content hash
/// (blob names, ETags), the article blob's flat JSON and the table's columns.
/// </summary>
public sealed class StoredArticleTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private static readonly Article Full = new()
    {
        Id = "0123456789abcdef0123456789abcdef",
        SourceId = "lemonde",
        Url = "https://www.lemonde.fr/international/article/2026/11/23/accord.html",
        Metadata = new()
        {
            Title = "L'Élysée réagit à l'accord — « une étape » <b>&</b> \"quotes\" 🎉",
            Authors = ["Hélène Sallon", "Benoît Vitkine"],
            Published = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(1)),
            Modified = new DateTimeOffset(2026, 11, 23, 14, 30, 0, TimeSpan.FromHours(-5)),
            Category = "International",
            Tags = ["Guerre en Ukraine", "Diplomatie"],
            Image = "https://img.lemde.fr/2026/11/23/photo.jpg?w=664&q=75",
            Language = "fr",
            Summary = "Les négociations ont repris à Genève.",
        },
        Body = new("Premier paragraphe : l'été.\n\nDeuxième, avec un œuf.", "<p>Premier paragraphe : l'été.</p><p>Deuxième, avec un œuf.</p>"),
        FirstSeen = new DateTimeOffset(2026, 11, 23, 11, 0, 0, TimeSpan.Zero),
        Updated = new DateTimeOffset(2026, 11, 24, 9, 15, 0, TimeSpan.Zero),
        ContentHash = "5d1c2e5b7e0c3f3a9c0d2b1e4f6a8b7c",
    };

    private static readonly Article Sparse = new()
    {
        Id = "fedcba9876543210fedcba9876543210",
        SourceId = "liberation",
        Url = "https://www.liberation.fr/a",
        Metadata = new() { Title = "Sans date ni catégorie" },
        Body = new("Texte.", "<p>Texte.</p>"),
        FirstSeen = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Updated = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        ContentHash = "h1",
    };

    /// <summary>The point row columns of <see cref="Full"/>, as stored rows hold them.</summary>
    private static readonly Dictionary<string, object> FullColumns = new()
    {
        ["Id"] = "0123456789abcdef0123456789abcdef",
        ["SourceId"] = "lemonde",
        ["Url"] = "https://www.lemonde.fr/international/article/2026/11/23/accord.html",
        ["Title"] = "L'Élysée réagit à l'accord — « une étape » <b>&</b> \"quotes\" 🎉",
        ["Authors"] = """["H\u00E9l\u00E8ne Sallon","Beno\u00EEt Vitkine"]""",
        ["Published"] = "2026-11-23T12:00:00.0000000+01:00",
        ["Modified"] = "2026-11-23T14:30:00.0000000-05:00",
        ["Category"] = "International",
        ["Tags"] = """["Guerre en Ukraine","Diplomatie"]""",
        ["Image"] = "https://img.lemde.fr/2026/11/23/photo.jpg?w=664&q=75",
        ["Language"] = "fr",
        ["Summary"] = "Les négociations ont repris à Genève.",
        ["FirstSeen"] = "2026-11-23T11:00:00.0000000+00:00",
        ["Updated"] = "2026-11-24T09:15:00.0000000+00:00",
        ["ContentHash"] = "5d1c2e5b7e0c3f3a9c0d2b1e4f6a8b7c",
    };

    [Fact]
    public void Content_hash_is_the_sha256_of_the_flat_json_of_what_a_reader_sees()
    {
        // A literal too: a serializer change must not move every stored article's hash unnoticed.
        Assert.Equal("d03b01230522f269bb3823f418a8734c", ArticleBuilder.ContentHash(Full));
        foreach (var article in new[] { Full, Sparse })
        {
            var (metadata, body) = (article.Metadata, article.Body);
            var visible = new
            {
                article.Url, metadata.Title, metadata.Authors, metadata.Published, metadata.Modified, metadata.Category,
                metadata.Tags, metadata.Image, metadata.Language, metadata.Summary, body.Text, body.Html,
            };
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(visible)))[..32], ArticleBuilder.ContentHash(article));
        }
    }

    [Fact]
    public void The_article_blob_is_one_flat_json_object_of_every_field()
    {
        foreach (var article in new[] { Full, Sparse })
        {
            var (metadata, body) = (article.Metadata, article.Body);
            var flat = new
            {
                article.Id, article.SourceId, article.Url, metadata.Title, metadata.Authors, metadata.Published, metadata.Modified,
                metadata.Category, metadata.Tags, metadata.Image, metadata.Language, metadata.Summary, body.Text, body.Html,
                article.FirstSeen, article.Updated, article.ContentHash,
            };
            Assert.Equal(JsonSerializer.Serialize(flat, Web), Encoding.UTF8.GetString(ArticleJson.Serialize(article, Web)));
        }
    }

    [Fact]
    public void An_article_is_written_in_the_columns_stored_rows_have()
    {
        var row = new TableEntity();
        ArticleIndex.WriteArticle(row, Full);

        Assert.Equal(FullColumns.OrderBy(c => c.Key, StringComparer.Ordinal), row.OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void A_field_without_a_value_has_no_column()
    {
        var row = new TableEntity();
        ArticleIndex.WriteArticle(row, Sparse);

        Assert.Equal(
            ["Authors", "ContentHash", "FirstSeen", "Id", "SourceId", "Summary", "Tags", "Title", "Updated", "Url"],
            row.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_stored_row_reads_back_as_the_article_without_its_body()
    {
        var row = new TableEntity(FullColumns) { PartitionKey = Full.Id, RowKey = "article" };

        Assert.Equal(JsonSerializer.Serialize(Full with { Body = ArticleBody.Empty }), JsonSerializer.Serialize(ArticleIndex.ReadArticle(row)));
    }

    [Fact]
    public void A_row_lacking_columns_reads_with_those_fields_empty_and_its_key_as_the_id()
    {
        var row = new TableEntity("0123456789abcdef0123456789abcdef", "article") { ["Title"] = "Seul" };

        var article = ArticleIndex.ReadArticle(row);

        var expected = new Article
        {
            Id = "0123456789abcdef0123456789abcdef",
            SourceId = "",
            Url = "",
            Metadata = new() { Title = "Seul" },
            FirstSeen = default,
            Updated = default,
        };
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(article));
    }
}
