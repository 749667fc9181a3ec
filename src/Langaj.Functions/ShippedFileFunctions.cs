using Langaj.Core.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>The files Langaj.Core ships, anonymous: the OpenAPI document and the feed stylesheet.</summary>
public sealed class ShippedFileFunctions
{
    [Function("OpenApi")]
    public Task<IResult> OpenApi(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "openapi.json")] HttpRequest request,
        CancellationToken cancellationToken) =>
        LangajApi.GetApiDocument(cancellationToken);

    [Function("FeedStylesheet")]
    public Task<IResult> FeedStylesheet(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "feeds.xsl")] HttpRequest request,
        CancellationToken cancellationToken) =>
        LangajApi.GetFeedStylesheet(cancellationToken);
}
