using System.ComponentModel;
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
        sources.MapPut("/sources/{id}", (string id, HttpRequest request, SourceIntake intake, SourceStatuses statuses, CancellationToken ct) => PutSource(id, request, intake, statuses, ct))
            .WithName("PutSource")
            .WithSummary("Adds or replaces a source: the body is a sources.json entry, checked as the file is; or, instead of feed, sitemap or listing, only \"site\": { \"url\" }, its home page, where its feed or sitemap is found (422 when none is).")
            .Accepts<JsonElement>("application/json")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        sources.MapDelete("/sources/{id}", (string id, [Description("true deletes the source's articles too; false, the default, keeps them.")] string? deleteArticles, SourceRemoval removal, CancellationToken ct) => DeleteSource(id, deleteArticles, removal, ct))
            .WithName("DeleteSource")
            .WithSummary("Removes a source; its articles stay unless deleteArticles=true, which deletes them too (200 with how many) and renders the feeds again. sources.json adds its own entries back at the next start.")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);
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
        string id, HttpRequest request, SourceIntake intake, SourceStatuses statuses, CancellationToken cancellationToken)
    {
        JsonElement entry;
        try
        {
            using var body = await JsonDocument.ParseAsync(request.Body, cancellationToken: cancellationToken);
            entry = body.RootElement.Clone();
        }
        catch (JsonException e)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["body"] = [$"not valid JSON: {e.Message}"] }, title: "Invalid source");
        }
        try
        {
            switch (await intake.PutAsync(entry, id, cancellationToken))
            {
                case SourcePutResult.Invalid invalid:
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [id] = [.. invalid.Problems] }, title: "Invalid source");
                case SourcePutResult.NotDiscovered notDiscovered:
                    return TypedResults.Problem(statusCode: StatusCodes.Status422UnprocessableEntity, title: "No feed or sitemap found", detail: notDiscovered.Reason);
                case SourcePutResult.Stored stored:
                    var status = (await statuses.GetAsync(id, cancellationToken))! with { Discovered = stored.Found is { } found ? SiteDiscovered.From(found) : null };
                    return stored.Created ? TypedResults.Created(SourceUrl(id), status) : TypedResults.Ok(status);
                default:
                    throw new InvalidOperationException("Every outcome of a put is answered.");
            }
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    /// <summary>
    /// Removes a source: 204, its articles kept; with <c>deleteArticles=true</c>, 200 with how many were deleted (asking
    /// again after an interruption finishes the job).
    /// </summary>
    public static async Task<Results<NoContent, Ok<DeletedSource>, ValidationProblem, ProblemHttpResult>> DeleteSource(
        string id, string? deleteArticles, SourceRemoval removal, CancellationToken cancellationToken)
    {
        var withArticles = false;
        if (deleteArticles is not null && !bool.TryParse(deleteArticles, out withArticles))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["deleteArticles"] = ["deleteArticles must be true or false."] });
        }
        try
        {
            var result = await removal.RemoveAsync(id, withArticles, cancellationToken);
            return result.Outcome switch
            {
                RemovalOutcome.UnknownSource => SourceNotFound(id),
                RemovalOutcome.ScrapeRunning => ScrapeRunning(id),
                _ when withArticles => TypedResults.Ok(new DeletedSource(id, result.DeletedArticles)),
                _ => TypedResults.NoContent(),
            };
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
                ScrapeRequestOutcome.AlreadyRunning => ScrapeRunning(id),
                _ => TypedResults.Accepted(SourceUrl(id), (await statuses.GetAsync(id, cancellationToken))!),
            };
        }
        catch (RequestFailedException e)
        {
            return StorageUnavailable(e);
        }
    }

    private static string SourceUrl(string id) => $"/api/sources/{id}";

    private static ProblemHttpResult ScrapeRunning(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Scrape already running", detail: $"Source '{id}' is being scraped; follow it at {SourceUrl(id)}.");

    private static ProblemHttpResult SourceNotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown source", detail: $"No source has the id '{Truncate(id)}'.");
}

/// <summary>A source removed with its articles: how many of them were deleted.</summary>
public sealed record DeletedSource(string Id, int DeletedArticles);
