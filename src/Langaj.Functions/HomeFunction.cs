using Langaj.Core.Api;
using Langaj.Core.Feeds;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Langaj.Functions;

/// <summary>
/// The home page, anonymous. Route "" under host.json's routePrefix "api" is /api/: a function cannot sit
/// above the prefix, so the home page lives at /api/ in both hosts (the local host also answers it at /).
/// </summary>
public sealed class HomeFunction(SourceCatalog catalog, ArticleStore store, HealthService health, IOptions<FeedsOptions> options)
{
    [Function("Home")]
    public Task<IResult> Home(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "")] HttpRequest request,
        CancellationToken cancellationToken) =>
        LangajApi.GetHome(catalog, store, health, options, cancellationToken);
}
