using System.IO.Compression;
using System.Text.Json;

namespace Langaj.Benchmarks;

/// <summary>One page of the development set: raw bytes as served, and the segments a good extraction keeps or drops.</summary>
internal sealed record DevCase(string Id, Uri Url, byte[] Html, string[] With, string[] Without)
{
    /// <summary>The half of the split this page's site falls in (see <see cref="DevSplit"/>).</summary>
    public string Half { get; init; } = DevSplit.Development;
}

internal static class DevSet
{
    private sealed record Entry(string Id, string Url, string File, string[] With, string[] Without);

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };

    public static List<DevCase> Load(string folder)
    {
        var entries = JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(Path.Combine(folder, "cases.json")), Json)!;
        var split = DevSplit.Load();
        return entries.Select(e => new DevCase(e.Id, new Uri(e.Url), Gunzip(Path.Combine(folder, e.File)), e.With, e.Without)
        {
            Half = split.HalfOf(e.Url),
        }).ToList();
    }

    /// <summary>The raw URLs of the set, for writing the split list.</summary>
    public static List<string> Urls(string folder) =>
        JsonSerializer.Deserialize<List<Entry>>(File.ReadAllText(Path.Combine(folder, "cases.json")), Json)!.Select(e => e.Url).ToList();

    private static byte[] Gunzip(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var memory = new MemoryStream();
        gzip.CopyTo(memory);
        return memory.ToArray();
    }
}
