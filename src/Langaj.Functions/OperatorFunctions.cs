using Langaj.Core.Api;
using Langaj.Core.Scraping;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>
/// The operator's endpoint: scrape one source now. The Functions host checks the function key
/// (the local host runs OperatorKeyFilter for the same purpose); reads stay anonymous.
/// </summary>
public sealed class OperatorFunctions(ScrapeRunner runner)
{
    [Function("ScrapeSource")]
    public async Task<IResult> ScrapeSource(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sources/{id}/scrape")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.ScrapeSource(id, runner, cancellationToken);
}
