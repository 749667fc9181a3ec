using System.Text.Json;
using Azure;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Langaj.Core.Api;

/// <summary>
/// The operator endpoints: the sources in storage, listed, added or replaced, paused, resumed, removed, and a scrape
/// asked for now. In Azure the Functions host checks the function key; here <see cref="OperatorKeyFilter"/> does.
/// </summary>
public static partial class LangajApi
{
    private static void MapSourceRoutes(RouteGroupBuilder api)
    {
        // No group prefix, so the list's route is /api/sources, not /api/sources/.
        var sources = api.MapGroup("")
            .RequireOperatorKey()
            .WithTags("Operator")
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        sources.MapGet("/sources", (SourceStatuses statuses, CancellationToken ct) => ListSources(statuses, ct))
            .WithName("Sources").WithSummary("Every source with its state: paused, run (idle, queued, running), last run.");
        sources.MapGet("/sources/{id}", (string id, SourceStatuses statuses, CancellationToken ct) => GetSource(id, statuses, ct))
            .WithName("Source").WithSummary("One source with its state; where a scrape asked for is followed.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sources.MapPut("/sources/{id}", (string id, HttpRequest request, SourceCatalog catalog, SourceStatuses statuses, CancellationToken ct) => PutSource(id, request, catalog, statuses, ct))
            .WithName("PutSource").WithSummary("Adds or replaces a source: the body is a sources.json entry, checked as the file is.")
            .Accepts<JsonElement>("application/json");
        sources.MapDelete("/sources/{id}", (string id, SourceCatalog catalog, CancellationToken ct) => DeleteSource(id, catalog, ct))
            .WithName("DeleteSource").WithSummary("Removes a source; its articles stay. sources.json adds its own entries back at the next start.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sources.MapPost("/sources/{id}/pause", (string id, SourceCatalog catalog, SourceStatuses statuses, CancellationToken ct) => PauseSource(id, catalog, statuses, ct))
            .WithName("PauseSource").WithSummary("Stops scheduled scrapes of a source; its feeds stay.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sources.MapPost("/sources/{id}/resume", (string id, SourceCatalog catalog, SourceStatuses statuses, CancellationToken ct) => ResumeSource(id, catalog, statuses, ct))
            .WithName("ResumeSource").WithSummary("Scrapes a paused source on its schedule again.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        sources.MapPost("/sources/{id}/scrape", (string id, ScrapeQueue queue, SourceStatuses statuses, CancellationToken ct) => ScrapeSource(id, queue, statuses, ct))
            .WithName("ScrapeSource").WithSummary("Queues a scrape of the source now; 202 with the source's status at Location, where the run is followed.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
    }

    public static async Task<Results<Ok<IReadOnlyList<SourceStatus>>, ProblemHttpResult>> ListSources(SourceStatuses statuses, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(await statuses.ListAsync(cancellationToken));
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    public static async Task<Results<Ok<SourceStatus>, ProblemHttpResult>> GetSource(string id, SourceStatuses statuses, CancellationToken cancellationToken)
    {
        try
        {
            return await statuses.GetAsync(id, cancellationToken) is { } status ? TypedResults.Ok(status) : SourceNotFound(id);
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    public static async Task<Results<Created<SourceStatus>, Ok<SourceStatus>, ValidationProblem, ProblemHttpResult>> PutSource(
        string id, HttpRequest request, SourceCatalog catalog, SourceStatuses statuses, CancellationToken cancellationToken)
    {
        SourceDefinition source;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            source = SourcesFile.ParseEntry(body.RootElement, id);
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"not valid JSON: {e.Message}"] }, title: "Invalid source");
        }
        catch (SourcesFileException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [id] = [.. e.Problems] }, title: "Invalid source");
        }
        try
        {
            var created = await catalog.PutAsync(source, cancellationToken);
            var status = (await statuses.GetAsync(id, cancellationToken))!;
            return created ? TypedResults.Created(SourceUrl(id), status) : TypedResults.Ok(status);
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteSource(string id, SourceCatalog catalog, CancellationToken cancellationToken)
    {
        try
        {
            // An id no source can have is not looked up.
            return SourcesFile.IsValidId(id) && await catalog.DeleteAsync(id, cancellationToken) ? TypedResults.NoContent() : SourceNotFound(id);
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    public static Task<Results<Ok<SourceStatus>, ProblemHttpResult>> PauseSource(string id, SourceCatalog catalog, SourceStatuses statuses, CancellationToken cancellationToken) =>
        SetPausedAsync(id, paused: true, catalog, statuses, cancellationToken);

    public static Task<Results<Ok<SourceStatus>, ProblemHttpResult>> ResumeSource(string id, SourceCatalog catalog, SourceStatuses statuses, CancellationToken cancellationToken) =>
        SetPausedAsync(id, paused: false, catalog, statuses, cancellationToken);

    private static async Task<Results<Ok<SourceStatus>, ProblemHttpResult>> SetPausedAsync(
        string id, bool paused, SourceCatalog catalog, SourceStatuses statuses, CancellationToken cancellationToken)
    {
        try
        {
            return SourcesFile.IsValidId(id) && await catalog.SetPausedAsync(id, paused, cancellationToken)
                ? TypedResults.Ok((await statuses.GetAsync(id, cancellationToken))!)
                : SourceNotFound(id);
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    /// <summary>Queues a scrape and answers at once: the run is followed at the source's status (Location).</summary>
    public static async Task<Results<Accepted<SourceStatus>, ProblemHttpResult>> ScrapeSource(
        string id, ScrapeQueue queue, SourceStatuses statuses, CancellationToken cancellationToken)
    {
        try
        {
            return await queue.RequestAsync(id, cancellationToken) switch
            {
                ScrapeRequestOutcome.UnknownSource => SourceNotFound(id),
                ScrapeRequestOutcome.AlreadyRunning => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Scrape already running",
                    detail: $"Source '{id}' is being scraped; follow it at {SourceUrl(id)}."),
                _ => TypedResults.Accepted(SourceUrl(id), (await statuses.GetAsync(id, cancellationToken))!),
            };
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    private static string SourceUrl(string id) => $"/api/sources/{id}";

    private static ProblemHttpResult SourceNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown source", detail: $"No source has the id '{Truncate(id)}'.");
}
