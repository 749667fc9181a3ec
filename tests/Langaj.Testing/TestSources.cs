using System.Text.Json;
using System.Text.Json.Serialization;
using Langaj.Core.Sources;

namespace Langaj.Testing;

/// <summary>
/// Sources for tests in the two forms the product reads them: a <see cref="SourceDefinition"/>, and entries of a
/// sources file (the operator's JSON, docs/sources.md) written to a temporary file. French, named after their id
/// unless named; a source on loopback may fetch from private addresses, as a test site needs.
/// </summary>
public static class TestSources
{
    private static readonly JsonSerializerOptions FileOptions = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>A source as the catalog hands it to discovery and extraction.</summary>
    public static SourceDefinition Definition(string id, DiscoveryKind discovery, Uri url, string? name = null) => new()
    {
        Id = id,
        Name = name ?? Name(id),
        Language = "fr",
        Discovery = discovery,
        DiscoveryUrl = url,
        AllowPrivateAddresses = url.IsLoopback,
    };

    /// <summary>A sources file entry for a source read from its RSS or Atom feed.</summary>
    public static object Feed(string id, Uri feed, string? name = null, IReadOnlyList<string>? removeSelectors = null) => new
    {
        id,
        name = name ?? Name(id),
        language = "fr",
        feed = new { url = feed.AbsoluteUri },
        removeSelectors,
        allowPrivateAddresses = feed.IsLoopback,
    };

    /// <summary>A sources file entry for a source whose articles are the links of a listing page.</summary>
    public static object Listing(string id, Uri listing, string linkSelector, string? name = null) => new
    {
        id,
        name = name ?? Name(id),
        language = "fr",
        listing = new { url = listing.AbsoluteUri, linkSelector },
        allowPrivateAddresses = listing.IsLoopback,
    };

    /// <summary>Writes a sources file with these entries (<see cref="Feed"/>, <see cref="Listing"/>) to a new temporary file.</summary>
    public static Task<FileInfo> FileAsync(params IEnumerable<object> sources) =>
        JsonFileAsync(JsonSerializer.Serialize(new { sources }, FileOptions));

    /// <summary>Writes <paramref name="json"/> as a sources file to a new temporary file: for a file a test means to be wrong.</summary>
    public static async Task<FileInfo> JsonFileAsync(string json)
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), $"langaj-sources-{Guid.NewGuid():N}.json"));
        await File.WriteAllTextAsync(file.FullName, json);
        return file;
    }

    private static string Name(string id) => "Source " + id;
}
