using System.Text;
using System.Text.RegularExpressions;
using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>Golden tests on a saved page of the first source (a WordPress-like French news site) and its legacy encodings.</summary>
public sealed class FirstSourceTests
{
    private static readonly Uri PageUrl = new("https://langaj.fr/guerre/russie-ukraine/coree-du-nord-troupes-ukraine/");

    private const string Title = "La Corée du Nord envoie des troupes en Ukraine : une nouvelle étape dans l’alliance avec la Russie";

    private static readonly string[] Noise =
    [
        "Langaj", "Adblock", "ad blocker", "Partager", "Tweet", "Facebook", "À lire aussi", "Kharkiv : nouvelles frappes",
        "Abonnez-vous", "Inscrivez-vous", "newsletter", "Laisser un commentaire", "adresse e-mail", "cookies", "Mentions légales",
        "Articles récents", "Accueil", "À la une", "Russie Ukraine", "Camille Lefèvre", "Publié le", "Étiquettes", "Aller au contenu",
        "Politique de confidentialité", "L’actualité internationale décryptée",
    ];

    private static string ExpectedText() => Encoding.UTF8.GetString(TestPages.Testdata("first-source/expected-text.txt"));

    private const string Utf8 = "utf-8";

    /// <summary>The page saved as windows-1252, saying so in a meta tag.</summary>
    private const string MetaDeclared1252 = "windows-1252, meta";

    /// <summary>The page saved as windows-1252 with no meta charset: only the Content-Type header can tell.</summary>
    private const string Undeclared1252 = "windows-1252, no meta";

    private const string MetaCharset = "<meta charset=\"UTF-8\">";

    static FirstSourceTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>The saved page's bytes as served in one encoding; legacy encodings are made from the UTF-8 page, so they cannot drift from it.</summary>
    private static byte[] Seed(string encoding)
    {
        var page = TestPages.Testdata("first-source/seed-article.html");
        var windows1252 = Encoding.GetEncoding(1252);
        var text = Encoding.UTF8.GetString(page);
        return encoding switch
        {
            Utf8 => page,
            MetaDeclared1252 => windows1252.GetBytes(text.Replace(MetaCharset, "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">", StringComparison.Ordinal)),
            Undeclared1252 => windows1252.GetBytes(text.Replace(MetaCharset + "\n", "", StringComparison.Ordinal)),
            _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, null),
        };
    }

    private static ExtractedArticle ExtractSeed(string encoding, string? contentType) =>
        TestPages.Article(TestPages.Extractor.Extract(Seed(encoding), contentType, PageUrl, ExtractionRules.None));

    [Fact]
    public void Legacy_encodings_are_made_from_the_utf8_page()
    {
        Assert.Contains(MetaCharset, Encoding.UTF8.GetString(Seed(Utf8)), StringComparison.Ordinal);
        Assert.DoesNotContain("charset", Encoding.Latin1.GetString(Seed(Undeclared1252)), StringComparison.Ordinal);
        Assert.Contains("charset=windows-1252", Encoding.Latin1.GetString(Seed(MetaDeclared1252)), StringComparison.Ordinal);
        Assert.Contains((byte)0xE9, Seed(MetaDeclared1252)); // é as one windows-1252 byte
    }

    [Theory]
    [InlineData(Utf8, "text/html; charset=UTF-8")]
    [InlineData(Utf8, null)]
    [InlineData(MetaDeclared1252, "text/html")]
    [InlineData(Undeclared1252, "text/html; charset=windows-1252")]
    [InlineData(Undeclared1252, "text/html; charset=ISO-8859-1")]
    public void Body_text_is_exactly_the_article_paragraphs(string encoding, string? contentType)
    {
        var article = ExtractSeed(encoding, contentType);

        Assert.Equal(ExpectedText(), article.Body.Text);
    }

    [Fact]
    public void No_noise_reaches_the_text_or_the_html()
    {
        var article = ExtractSeed(Utf8, "text/html; charset=UTF-8");

        // The site's domain is langaj.fr, so the HTML is checked on its text, outside tags and URLs.
        var htmlText = Regex.Replace(article.Body.Html, "<[^>]*>", " ");
        foreach (var noise in Noise)
        {
            Assert.DoesNotContain(noise, article.Body.Text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(noise, htmlText, StringComparison.OrdinalIgnoreCase);
        }

        Assert.DoesNotContain(Title, article.Body.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", article.Body.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<form", article.Body.Html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Metadata_comes_out_right()
    {
        var article = ExtractSeed(Utf8, "text/html; charset=UTF-8");

        Assert.Equal(Title, article.Metadata.Title);
        Assert.Equal("Guerre Russie Ukraine", article.Metadata.Category);
        Assert.Equal(new DateTimeOffset(2024, 10, 14, 7, 30, 0, TimeSpan.Zero), article.Metadata.Published);
        Assert.Equal(TimeSpan.Zero, article.Metadata.Published!.Value.Offset);
        Assert.Equal(new DateTimeOffset(2024, 10, 14, 9, 2, 0, TimeSpan.Zero), article.Metadata.Modified);
        Assert.Equal(["Camille Lefèvre"], article.Metadata.Authors);
        Assert.Equal("https://langaj.fr/wp-content/uploads/2024/10/coree-du-nord-troupes.jpg", article.Metadata.Image);
        Assert.Equal("fr", article.Metadata.Language);
        Assert.Equal("https://langaj.fr/guerre/russie-ukraine/coree-du-nord-troupes-ukraine/", article.CanonicalUrl);
        Assert.Equal(["Corée du Nord", "Russie", "Ukraine"], article.Metadata.Tags);
        Assert.StartsWith("Zelensky dénonce l’envoi de troupes nord-coréennes", article.Metadata.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Html_keeps_the_body_with_resolved_lazy_image()
    {
        var article = ExtractSeed(Utf8, "text/html; charset=UTF-8");

        Assert.Contains("<p>Le président ukrainien Volodymyr Zelensky", article.Body.Html, StringComparison.Ordinal);
        Assert.Contains("src=\"https://langaj.fr/wp-content/uploads/2024/10/kharkiv-missile.jpg\"", article.Body.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("data:image", article.Body.Html, StringComparison.Ordinal);
        Assert.Equal(7, CountOf(article.Body.Html, "<p>"));
    }

    [Fact]
    public void Legacy_encodings_read_the_same_as_utf8()
    {
        var utf8 = ExtractSeed(Utf8, "text/html; charset=UTF-8");
        var metaDeclared = ExtractSeed(MetaDeclared1252, "text/html");
        var headerDeclared = ExtractSeed(Undeclared1252, "text/html; charset=windows-1252");

        Assert.Equal(utf8.Metadata.Title, metaDeclared.Metadata.Title);
        Assert.Equal(utf8.Metadata.Title, headerDeclared.Metadata.Title);
        Assert.Equal(utf8.Body.Html, metaDeclared.Body.Html);
        Assert.Equal(utf8.Metadata.Authors, headerDeclared.Metadata.Authors);
    }

    private static int CountOf(string text, string value)
    {
        var count = 0;
        for (var at = text.IndexOf(value, StringComparison.Ordinal); at >= 0; at = text.IndexOf(value, at + 1, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
