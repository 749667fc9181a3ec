using System.Net;
using Langaj.Testing;

namespace Langaj.Functions.Tests;

[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : AzuriteCollectionDefinition;

[Collection(AzuriteFixture.Collection)]
public sealed class FunctionsHostTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Worker_indexes_and_loads_its_functions_and_answers_health()
    {
        await using var host = await FunctionsHost.StartAsync(new Dictionary<string, string>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["ConnectionStrings:Storage"] = azurite.ConnectionString,
            ["Storage:NamePrefix"] = AzuriteFixture.NewNamePrefix(),
            ["ScrapeSchedule"] = "0 */30 * * * *",
            ["Feeds:PublicBaseUrl"] = "http://localhost:7071/",
            ["Langaj:Sources"] = "sources.json",
        });
        Assert.Equal(10, host.Functions.Count);
        using var health = await host.GetAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
