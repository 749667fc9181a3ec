
namespace Langaj.Integration.Tests.Storage;

public sealed class CategorySlugTests
{
    [Theory]
    [InlineData("Guerre Russie Ukraine", "guerre-russie-ukraine")]
    [InlineData("guerre-russie-ukraine", "guerre-russie-ukraine")]
    [InlineData("  Économie & Société ", "economie-societe")]
    [InlineData("Œuvres d'art", "oeuvres-d-art")]
    [InlineData("x' or PartitionKey ne '", "x-or-partitionkey-ne")]
    [InlineData("!!!", "")]
    [InlineData("Москва", "москва")]
    public void Slug_folds_case_accents_and_punctuation(string name, string slug)
    {
        Assert.Equal(slug, CategorySlug.From(name));
        Assert.Equal(slug, CategorySlug.From(slug));
    }
}
