using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Langaj.Core.Api;

/// <summary>
/// A 200 JSON answer with validators: serialized once with the hosts' JSON options, its strong ETag the
/// hash of those bytes (as a feed's is), answered through <see cref="ConditionalGet"/> so a client that
/// has it gets 304. Describes itself to the endpoint metadata like <c>Ok&lt;T&gt;</c> does.
/// </summary>
public sealed class CacheableJson<T>(T value, DateTimeOffset? lastModified) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    public const string ContentType = "application/json; charset=utf-8";

    public T Value { get; } = value;
    object? IValueHttpResult.Value => Value;
    public int StatusCode => StatusCodes.Status200OK;
    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var options = httpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        // Compressed per answer, at a fast setting: a JSON page is small and its bytes are not kept.
        var body = CodedBody.OnDemand(JsonSerializer.SerializeToUtf8Bytes(Value, options.GetTypeInfo(typeof(T))));
        return ConditionalGet.AnswerAsync(httpContext, body, ContentType, lastModified);
    }

    [SuppressMessage("Design", "CA1000", Justification = "IEndpointMetadataProvider's static member, as Ok<T> implements it.")]
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status304NotModified, typeof(void)));
    }
}
