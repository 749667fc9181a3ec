using System.Net;

namespace Langaj.Integration.Tests.Api;

/// <summary>Bad requests get a problem+json answer naming what is wrong; nothing reaches storage malformed.</summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ApiErrorTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LocalHost _host = null!;

    public async Task InitializeAsync() => _host = await LocalHost.StartAsync(azurite, demo: true);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData("api/articles?limit=0", "limit")]
    [InlineData("api/articles?limit=101", "limit")]
    [InlineData("api/articles?limit=ten", "limit")]
    [InlineData("api/articles?limit=-1", "limit")]
    [InlineData("api/articles?limit=1&limit=2", "limit")]
    [InlineData("api/articles?source=a%27%20or%20PartitionKey%20ne%20%27", "source")]
    [InlineData("api/articles?cursor=%00", "cursor")]
    [InlineData("api/articles?cursor=bm90LWEtY3Vyc29y", "cursor")]
    [InlineData("api/articles?category=", "category")]
    [InlineData("api/feeds/rss?limit=1000", "limit")]
    [InlineData("api/feeds/atom?source=../../etc", "source")]
    public async Task Bad_parameters_get_a_400_problem_naming_the_parameter(string url, string parameter)
    {
        using var response = await _host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"the problem names '{parameter}'");
    }

    [Theory]
    [InlineData("api/articles/0123456789abcdef0123456789abcdef")]
    [InlineData("api/articles/not-an-id")]
    [InlineData("api/articles/x'%20or%20PartitionKey%20ne%20'")]
    [InlineData("api/articles/..%2F..%2Fetc%2Fpasswd")]
    public async Task Unknown_ids_get_a_404_problem(string url)
    {
        using var response = await _host.Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_operator_endpoint_refuses_requests_without_the_key()
    {
        using var none = await _host.Client.PostAsync("api/sources/demo/scrape", null);
        using var wrong = await PostWithKeyAsync("api/sources/demo/scrape", "wrong-key");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty((await _host.Client.GetFromJsonAsync<JsonElement>("api/articles")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Reads_do_not_accept_other_methods()
    {
        using var response = await _host.Client.DeleteAsync("api/articles");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(string url, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url);
        request.Headers.Add("x-functions-key", key);
        return await _host.Client.SendAsync(request);
    }
}
