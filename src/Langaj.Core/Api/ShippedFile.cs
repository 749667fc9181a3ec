using Microsoft.AspNetCore.Http;

namespace Langaj.Core.Api;

/// <summary>
/// A file that ships inside Langaj.Core (the API document, the feed stylesheet), served by both hosts from
/// the same bytes: compressed once when first loaded, answered through <see cref="ConditionalGet"/> with a
/// strong ETag of its content and no Last-Modified (a build time would differ between the two hosts' builds).
/// </summary>
public sealed class ShippedFile : IResult
{
    private readonly CodedBody _body;

    private ShippedFile(byte[] body, string contentType) => (_body, ContentType) = (CodedBody.Precompressed(body), contentType);

    public string ContentType { get; }

    /// <summary>Loads the resource Langaj.Core.csproj embeds under its file name.</summary>
    public static ShippedFile Load(string name, string contentType)
    {
        using var stream = typeof(ShippedFile).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Langaj.Core was built without its resource {name}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ShippedFile(copy.ToArray(), contentType);
    }

    public Task ExecuteAsync(HttpContext httpContext) =>
        ConditionalGet.AnswerAsync(httpContext, _body, ContentType, lastModified: null);
}
