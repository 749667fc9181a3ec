using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Langaj.Core.Storage;

/// <summary>
/// The blob half of <see cref="ArticleStore"/>: container <c>raw</c> holds each page as fetched, gzip-compressed, at
/// <c>{sourceId}/{id}/{sha256 of the bytes}.html.gz</c>; container <c>articles</c> holds each cleaned article as JSON at
/// <c>{id}/{contentHash}.json</c>. Both are content-addressed: an update writes a new blob and never overwrites one a
/// reader may be reading.
/// </summary>
internal sealed class ArticleBlobs(BlobServiceClient blobs, StorageOptions options)
{
    private const string FetchedFromMetadata = "fetchedfrom";
    private const string FetchedAtMetadata = "fetchedat";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    internal BlobContainerClient Raw { get; } = blobs.GetBlobContainerClient(options.Name("raw"));
    internal BlobContainerClient Articles { get; } = blobs.GetBlobContainerClient(options.Name("articles"));

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await Raw.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Articles.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }

    public static string RawBlobName(Article article, RawPage raw) =>
        $"{article.SourceId}/{article.Id}/{Convert.ToHexStringLower(SHA256.HashData(raw.Bytes))}.html.gz";

    public static string ArticleBlobName(Article article)
    {
        // Content hashes are expected to be plain tokens; anything else (base64 with '/', say) is hashed into one.
        var token = article.ContentHash.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') && article.ContentHash.Length <= 128
            ? article.ContentHash
            : Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(article.ContentHash)));
        return $"{article.Id}/{token}.json";
    }

    /// <summary>The raw page stored at <paramref name="blobName"/>, un-gzipped; null when the blob is gone.</summary>
    public async Task<RawPage?> ReadRawAsync(string blobName, CancellationToken cancellationToken)
    {
        BlobDownloadResult download;
        try
        {
            download = (await Raw.GetBlobClient(blobName).DownloadContentAsync(cancellationToken)).Value;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
        using var output = new MemoryStream();
        await using (var gzip = new GZipStream(download.Content.ToStream(), CompressionMode.Decompress))
        {
            await gzip.CopyToAsync(output, cancellationToken);
        }
        var metadata = download.Details.Metadata;
        return new RawPage(
            output.ToArray(),
            download.Details.ContentType,
            new Uri(Uri.UnescapeDataString(metadata[FetchedFromMetadata])),
            StoredTime.Parse(metadata[FetchedAtMetadata]) ?? download.Details.LastModified);
    }

    /// <summary>The body of the article stored at <paramref name="blobName"/>; null when the blob is gone.</summary>
    public async Task<ArticleBody?> ReadBodyAsync(string blobName, CancellationToken cancellationToken)
    {
        try
        {
            var download = await Articles.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToObjectFromJson<ArticleBody>(Json);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task UploadRawAsync(string blobName, RawPage raw, CancellationToken cancellationToken)
    {
        using var compressed = new MemoryStream();
        await using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            await gzip.WriteAsync(raw.Bytes, cancellationToken);
        }
        compressed.Position = 0;
        await Raw.GetBlobClient(blobName).UploadAsync(compressed, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = raw.ContentType, ContentEncoding = "gzip" },
            // Metadata values must be ASCII: the URL is escaped.
            Metadata = new Dictionary<string, string>
            {
                [FetchedFromMetadata] = Uri.EscapeDataString(raw.FetchedFrom.AbsoluteUri),
                [FetchedAtMetadata] = StoredTime.Format(raw.FetchedAt),
            },
        }, cancellationToken);
    }

    public async Task UploadArticleAsync(string blobName, Article article, CancellationToken cancellationToken)
    {
        var json = BinaryData.FromBytes(ArticleJson.Serialize(article, Json));
        await Articles.GetBlobClient(blobName).UploadAsync(json, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" },
        }, cancellationToken);
    }

    public Task DeleteAsync(IEnumerable<string> articleBlobs, IEnumerable<string> rawBlobs, CancellationToken cancellationToken) =>
        Task.WhenAll(
            articleBlobs.Select(name => Articles.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken))
                .Concat(rawBlobs.Select(name => Raw.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken))));

    /// <summary>The ids of the articles that have a raw page under the source's name (<c>{sourceId}/{id}/</c>).</summary>
    public async IAsyncEnumerable<string> ListRawArticleIdsAsync(string sourceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = sourceId + "/";
        await foreach (var item in Raw.GetBlobsByHierarchyAsync(new GetBlobsByHierarchyOptions { Prefix = prefix, Delimiter = "/" }, cancellationToken))
        {
            if (item.IsPrefix)
            {
                yield return item.Prefix[prefix.Length..].TrimEnd('/');
            }
        }
    }

    /// <summary>Deletes the named article blobs and every other one stored for the article (<c>{id}/</c>).</summary>
    public async Task DeleteArticleBlobsAsync(string id, IEnumerable<string> named, CancellationToken cancellationToken) =>
        await DeleteAllAsync(Articles, id + "/", named, cancellationToken);

    /// <summary>Deletes the named raw blobs and every other raw page of the article under the source's name (<c>{sourceId}/{id}/</c>).</summary>
    public async Task DeleteRawBlobsAsync(string sourceId, string id, IEnumerable<string> named, CancellationToken cancellationToken) =>
        await DeleteAllAsync(Raw, $"{sourceId}/{id}/", named, cancellationToken);

    private static async Task DeleteAllAsync(BlobContainerClient container, string prefix, IEnumerable<string> named, CancellationToken cancellationToken)
    {
        var names = new HashSet<string>(named, StringComparer.Ordinal);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, cancellationToken))
        {
            names.Add(blob.Name);
        }
        await Task.WhenAll(names.Select(name => container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken)));
    }
}
