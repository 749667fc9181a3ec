using Langaj.Core.Api;
using Langaj.Core.Scraping;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>The operator's endpoint: scrape one source now. Guarded by a function key, unlike the reads.</summary>
public sealed class OperatorFunctions(ScrapeRunner runner)
{
    [Function("ScrapeSource")]
    public Task<IResult> ScrapeSource(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sources/{id}/scrape")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        LangajApi.ScrapeSource(id, request, runner, cancellationToken);
}
