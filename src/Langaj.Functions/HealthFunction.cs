using Langaj.Core.Api;
using Langaj.Core.Scraping;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>Storage reachable and each source's last run, anonymous.</summary>
public sealed class HealthFunction(HealthService health)
{
    [Function("Health")]
    public async Task<IResult> Health(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "health")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await LangajApi.GetHealth(health, cancellationToken);
}
