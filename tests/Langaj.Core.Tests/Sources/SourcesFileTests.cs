using System.Text.Json;
using Langaj.Core.Sources;

namespace Langaj.Core.Tests.Sources;

public sealed class SourcesFileTests
{
    [Fact]
    public void Reads_every_kind_of_source_with_its_options()
    {
        var sources = SourcesFile.Parse("""
            {
              // comments and trailing commas are forgiven: operators edit this by hand
              "sources": [
                { "id": "actu", "name": "Actu", "language": "fr", "feed": { "url": "https://actu.example/feed/" },
                  "contentSelector": "article .content", "removeSelectors": [".ad", ".share"], "schedule": "*/5 * * * *" },
                { "id": "news", "name": "News", "language": "fr-CA", "sitemap": { "url": "https://news.example/sitemap.xml" }, "timeZone": "America/Toronto" },
                { "id": "list", "name": "List", "language": "en", "listing": { "url": "http://127.0.0.1:8080/", "linkSelector": "h2 > a" },
                  "allowPrivateAddresses": true },
              ]
            }
            """, "sources.json");

        Assert.Equal(["actu", "news", "list"], sources.Select(s => s.Id));
        var actu = sources[0];
        Assert.Equal((DiscoveryKind.Feed, "https://actu.example/feed/", "article .content", "*/5 * * * *"),
            (actu.Discovery, actu.DiscoveryUrl.AbsoluteUri, actu.ContentSelector, actu.Schedule));
        Assert.Equal([".ad", ".share"], actu.RemoveSelectors);
        Assert.False(actu.AllowPrivateAddresses);
        Assert.Equal(DiscoveryKind.Sitemap, sources[1].Discovery);
        Assert.Equal(("America/Toronto", null), (sources[1].TimeZone, actu.TimeZone));
        Assert.Equal((DiscoveryKind.Listing, "h2 > a", true), (sources[2].Discovery, sources[2].LinkSelector, sources[2].AllowPrivateAddresses));
    }

    [Theory]
    [InlineData("""{ "id": "a b", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" } }""", "source \"a b\" (#1): field \"id\"")]
    [InlineData("""{ "id": "a", "language": "fr", "feed": { "url": "https://a.example/" } }""", "source \"a\" (#1): field \"name\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "français", "feed": { "url": "https://a.example/" } }""", "field \"language\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr" }""", "field \"feed|sitemap|listing\": one of them is required")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "sitemap": { "url": "https://a.example/s.xml" } }""", "give only one")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "ftp://a.example/feed" } }""", "field \"feed.url\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "/feed" } }""", "field \"feed.url\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "listing": { "url": "https://a.example/" } }""", "field \"listing.linkSelector\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "listing": { "url": "https://a.example/", "linkSelector": "a[[" } }""", "field \"listing.linkSelector\": \"a[[\" is not a valid CSS selector")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "contentSelector": "::nope((" }""", "field \"contentSelector\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "removeSelectors": ".ad" }""", "field \"removeSelectors\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "schedule": "every hour" }""", "field \"schedule\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "allowPrivateAddresses": "yes" }""", "field \"allowPrivateAddresses\"")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "contentselector": "x" }""", "field \"contentselector\": unknown field")]
    [InlineData("""{ "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "timeZone": "Paris" }""", "field \"timeZone\": \"Paris\" is not an IANA time zone id")]
    public void An_invalid_source_is_refused_naming_the_source_and_the_field(string source, string expected)
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse($$"""{ "sources": [ {{source}} ] }""", "my-sources.json"));

        Assert.StartsWith("my-sources.json: ", error.Message, StringComparison.Ordinal);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_duplicate_ids_are_refused()
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse("""
            { "sources": [
              { "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" } },
              { "id": "a", "name": "A again", "language": "fr", "feed": { "url": "https://b.example/" } },
              { "id": "c", "language": "fr", "feed": { "url": "nope" } }
            ] }
            """, "s.json"));

        Assert.Contains("source \"a\" (#2): field \"id\": duplicate id", error.Message, StringComparison.Ordinal);
        Assert.Contains("source \"c\" (#3): field \"name\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("source \"c\" (#3): field \"feed.url\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicate_id_is_reported_even_when_both_entries_have_other_problems()
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse("""
            { "sources": [
              { "id": "a", "language": "fr", "feed": { "url": "https://a.example/" } },
              { "id": "a", "name": "A again", "language": "fr", "feed": { "url": "nope" } }
            ] }
            """, "s.json"));

        Assert.Contains("source \"a\" (#1): field \"name\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("source \"a\" (#2): field \"feed.url\"", error.Message, StringComparison.Ordinal);
        Assert.Contains("source \"a\" (#2): field \"id\": duplicate id (source #1 has it too).", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("61 * * * *", "field \"schedule\": \"61 * * * *\": field 1, minute (0-59), \"61\" is out of range or not valid.")]
    [InlineData("0 25 * * *", "field 2, hour (0-23), \"25\"")]
    [InlineData("0 0 * 13 *", "field 4, month (1-12), \"13\"")]
    [InlineData("* * * *", "\"* * * *\" has 4 fields; a cron expression has 5")]
    public void A_wrong_schedule_names_the_field_at_fault(string schedule, string expected)
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse($$"""
            { "sources": [ { "id": "a", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" }, "schedule": "{{schedule}}" } ] }
            """, "s.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"name\": 42", "field \"name\": wrong type: expected a string, got a number.")]
    [InlineData("\"name\": \"A\", \"contentSelector\": true", "field \"contentSelector\": wrong type: expected a string, got a boolean.")]
    public void A_value_of_the_wrong_type_is_called_so_not_missing(string fields, string expected)
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse($$"""
            { "sources": [ { "id": "a", {{fields}}, "language": "fr", "feed": { "url": "https://a.example/" } } ] }
            """, "s.json"));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("required", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Actu")]
    [InlineData("actu_2")]
    [InlineData("actu 2")]
    public void Ids_are_lower_case_letters_digits_and_hyphens_only(string id)
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse($$"""
            { "sources": [ { "id": "{{id}}", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" } } ] }
            """, "s.json"));

        Assert.Contains("field \"id\": required: 1 to 64 characters among lower-case letters a-z, digits 0-9 and hyphens '-'.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "expected an object with a \"sources\" array")]
    [InlineData("""{ "sources": {} }""", "expected an object with a \"sources\" array")]
    public void A_file_of_the_wrong_shape_is_refused_clearly(string json, string expected)
    {
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Parse(json, "s.json"));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_the_path_and_how_to_give_one()
    {
        var path = Path.Combine(Path.GetTempPath(), Guid.NewGuid().ToString("N"), "sources.json");
        var error = Assert.Throws<SourcesFileException>(() => SourcesFile.Load(path));
        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("--sources", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_written_as_the_file_holds_it_reads_back_to_the_same_source()
    {
        var sources = SourcesFile.Parse("""
            { "sources": [
              { "id": "actu", "name": "Actu", "language": "fr", "feed": { "url": "https://actu.example/feed/" },
                "contentSelector": "article .content", "removeSelectors": [".ad", ".share"], "schedule": "*/5 * * * *", "timeZone": "Europe/Paris" },
              { "id": "list", "name": "List", "language": "en", "listing": { "url": "http://127.0.0.1:8080/", "linkSelector": "h2 > a" }, "allowPrivateAddresses": true },
              { "id": "map", "name": "Map", "language": "de", "sitemap": { "url": "https://map.example/sitemap.xml" } } ] }
            """, "sources.json");

        foreach (var source in sources)
        {
            var written = SourcesFile.ToJson(source).ToJsonString();
            using var entry = JsonDocument.Parse(written);
            Assert.Equal(written, SourcesFile.ToJson(SourcesFile.ParseEntry(entry.RootElement, source.Id)).ToJsonString());
        }
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse("""{"id":"list","name":"List","language":"en","listing":{"url":"http://127.0.0.1:8080/","linkSelector":"h2 > a"},"allowPrivateAddresses":true}"""),
            SourcesFile.ToJson(sources[1])));
    }

    [Fact]
    public void An_entry_given_under_an_id_takes_it_and_is_checked_as_the_file_is()
    {
        using var withoutId = JsonDocument.Parse("""{ "name": "A", "language": "fr", "feed": { "url": "https://a.example/" } }""");
        using var otherId = JsonDocument.Parse("""{ "id": "b", "name": "A", "language": "fr", "feed": { "url": "https://a.example/" } }""");
        using var invalid = JsonDocument.Parse("""{ "name": 42, "language": "fr", "schedule": "61 * * * *" }""");

        Assert.Equal("a", SourcesFile.ParseEntry(withoutId.RootElement, "a").Id);
        Assert.Equal(["source \"a\": field \"id\": \"b\" is not the id the entry is given under."],
            Assert.Throws<SourcesFileException>(() => SourcesFile.ParseEntry(otherId.RootElement, "a")).Problems);
        Assert.Equal(
        [
            "source \"a\": field \"name\": wrong type: expected a string, got a number.",
            "source \"a\": field \"feed|sitemap|listing\": one of them is required.",
            "source \"a\": field \"schedule\": \"61 * * * *\": field 1, minute (0-59), \"61\" is out of range or not valid.",
        ], Assert.Throws<SourcesFileException>(() => SourcesFile.ParseEntry(invalid.RootElement, "a")).Problems);
        Assert.Contains("field \"id\"", Assert.Throws<SourcesFileException>(() => SourcesFile.ParseEntry(withoutId.RootElement, "Not An Id")).Message, StringComparison.Ordinal);
    }
}
