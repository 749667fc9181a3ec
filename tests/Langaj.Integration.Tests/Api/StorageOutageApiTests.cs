using System.Net;

namespace Langaj.Integration.Tests.Api;

/// <summary>With storage down, reads answer a clear 503 quickly, and come back with storage.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class StorageOutageApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Reads_answer_503_problems_while_storage_is_down_and_recover_after()
    {
        var emulator = await azurite.StartDedicatedAsync();
        await using var host = await LocalHost.StartAsync(azurite, demo: true, emulator: emulator);
        await host.ScrapeAsync();

        await emulator.StopAsync();
        using (var articles = await host.Client.GetAsync("api/articles"))
        using (var health = await host.Client.GetAsync("api/health"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, articles.StatusCode);
            Assert.Equal("application/problem+json", articles.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
            Assert.Equal("unavailable", (await health.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        }

        await emulator.StartAsync();
        var list = await host.Client.GetFromJsonAsync<JsonElement>("api/articles");
        Assert.Equal(4, list.GetProperty("items").GetArrayLength());
    }
}
