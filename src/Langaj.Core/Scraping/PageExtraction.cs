using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Langaj.Core.Extraction;
using Langaj.Core.Fetching;

namespace Langaj.Core.Scraping;

/// <summary>One line of <c>extract</c> output: the article JSON (or the error) for one input.</summary>
public sealed record ExtractionLine(string Input, bool Succeeded, string Json);

/// <summary>
/// Extraction without storage, for the <c>extract</c> verb: files (<c>.html</c>, <c>.html.gz</c>), folders of
/// them and http(s) URLs in; one JSON object per page out, in input order, using every core.
/// </summary>
public sealed class PageExtraction(ArticleExtractor extractor, PageFetcher fetcher)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async IAsyncEnumerable<ExtractionLine> ExtractAsync(
        IEnumerable<string> inputs, bool allowPrivateAddresses, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pages = inputs.SelectMany(Expand).ToList();
        // Extract in parallel but print in input order: a window of tasks, awaited in order.
        var window = new Queue<Task<ExtractionLine>>();
        foreach (var input in pages)
        {
            window.Enqueue(Task.Run(() => ExtractOneAsync(input, allowPrivateAddresses, cancellationToken), cancellationToken));
            if (window.Count >= Environment.ProcessorCount * 2)
            {
                yield return await window.Dequeue();
            }
        }
        while (window.Count > 0)
        {
            yield return await window.Dequeue();
        }
    }

    private static IEnumerable<string> Expand(string input) =>
        Directory.Exists(input)
            ? Directory.EnumerateFiles(input, "*", SearchOption.AllDirectories)
                .Where(f => f.EndsWith(".html", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".html.gz", StringComparison.OrdinalIgnoreCase)
                    || f.EndsWith(".htm", StringComparison.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal)
            : [input];

    private async Task<ExtractionLine> ExtractOneAsync(string input, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        try
        {
            var (bytes, contentType, url) = await ReadAsync(input, allowPrivateAddresses, cancellationToken);
            var result = await extractor.ExtractAsync(bytes, contentType, url, ExtractionRules.None, cancellationToken);
            return result.Article is { } article
                ? new ExtractionLine(input, true, Flatten(input, url, article))
                : Failure(input, "not an article: " + result.NoArticleReason);
        }
        catch (FetchException e) when (e.InnerException is AddressRefusedException { PrivateAddress: true } refusal)
        {
            // The source's setting means nothing here: extract has its own flag.
            return Failure(input, $"{refusal.Reason}; pass --allow-private-addresses to allow it");
        }
        catch (Exception e) when (e is IOException or FetchException or UnauthorizedAccessException or InvalidDataException or UriFormatException)
        {
            return Failure(input, e.Message);
        }
    }

    // input first, then the article's own fields, flat: one self-describing object per line.
    private static string Flatten(string input, Uri url, ExtractedArticle article)
    {
        var line = JsonNode.Parse(ArticleJson.Serialize(article, Json))!.AsObject();
        line.Insert(0, "input", input);
        line.Insert(1, "url", url.AbsoluteUri);
        return line.ToJsonString(Json);
    }

    private static ExtractionLine Failure(string input, string error) =>
        new(input, false, JsonSerializer.Serialize(new { input, error }, Json));

    private async Task<(byte[] Bytes, string? ContentType, Uri Url)> ReadAsync(string input, bool allowPrivateAddresses, CancellationToken cancellationToken)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps))
        {
            var page = await fetcher.FetchAsync(new FetchRequest(url, allowPrivateAddresses), cancellationToken);
            return (page.Body, page.ContentType, page.FinalUrl);
        }
        var path = Path.GetFullPath(input);
        if (!File.Exists(path))
        {
            throw new IOException($"no such file or folder: {input}");
        }
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
            using var decompressed = new MemoryStream();
            await gzip.CopyToAsync(decompressed, cancellationToken);
            bytes = decompressed.ToArray();
        }
        return (bytes, null, new Uri(path));
    }
}
