using System.Text;
using Langaj.Core.Extraction;

namespace Langaj.Core.Tests.Extraction;

/// <summary>
/// Golden pages written for these tests (realistic, original): one folder per page shape under
/// testdata/extraction/golden, holding page.html and the exact text extraction must keep (expected.txt).
/// A lost sentence or a leaked label fails the test named after its page.
/// </summary>
public sealed class GoldenPageTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "testdata", "extraction", "golden");

    public static TheoryData<string> Pages() => new(Directory.GetDirectories(Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Fact]
    public void There_are_at_least_twenty_shapes() => Assert.True(Pages().Count >= 20, $"{Pages().Count} golden pages");

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_keeps_exactly_its_article_text(string page)
    {
        var html = File.ReadAllBytes(Path.Combine(Folder, page, "page.html"));
        var expected = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Folder, page, "expected.txt")));

        var result = TestPages.Extractor.Extract(html, "text/html; charset=utf-8", new Uri($"https://example.org/{page}/"), ExtractionRules.None);

        Assert.Equal(expected, TestPages.Article(result).Body.Text);
    }
}
