using Langaj.Core.Api;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>
/// The operator's endpoints: the sources in storage, and a scrape asked for now. The Functions host checks the
/// function key (the local host runs OperatorKeyFilter for the same purpose); reads stay anonymous.
/// </summary>
public sealed class OperatorFunctions(SourceCatalog catalog, SourceIntake intake, SourceRemoval removal, SourceStatuses statuses, ScrapeQueue queue)
{
    [Function("Sources")]
    public async Task<IResult> Sources(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sources")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await LangajApi.ListSources(statuses, cancellationToken);

    [Function("Source")]
    public async Task<IResult> Source(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "sources/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.GetSource(id, statuses, cancellationToken);

    [Function("PutSource")]
    public async Task<IResult> PutSource(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = "sources/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.PutSource(id, request, intake, statuses, cancellationToken);

    [Function("DeleteSource")]
    public async Task<IResult> DeleteSource(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "sources/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.DeleteSource(id, request.Query["deleteArticles"], removal, cancellationToken);

    [Function("PauseSource")]
    public async Task<IResult> PauseSource(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sources/{id}/pause")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.PauseSource(id, catalog, statuses, cancellationToken);

    [Function("ResumeSource")]
    public async Task<IResult> ResumeSource(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sources/{id}/resume")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.ResumeSource(id, catalog, statuses, cancellationToken);

    [Function("ScrapeSource")]
    public async Task<IResult> ScrapeSource(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "sources/{id}/scrape")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.ScrapeSource(id, queue, statuses, cancellationToken);
}
