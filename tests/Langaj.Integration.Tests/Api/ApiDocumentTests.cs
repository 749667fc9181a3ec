using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text.Json.Nodes;
using Langaj.Core;
using Langaj.Core.Api;
using Langaj.Integration.Tests.Cli;
using Langaj.Testing;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;

namespace Langaj.Integration.Tests.Api;

/// <summary>
/// /api/openapi.json: the shipped document is what Microsoft.AspNetCore.OpenApi generates from the local
/// host's endpoints, it names every route, Redocly's linter accepts it, and live answers (good requests and
/// bad) are ones it describes, as Prism's validating proxy checks them.
/// </summary>
[Collection(AzuriteFixture.Collection)]
public sealed class ApiDocumentTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string WriteVariable = "LANGAJ_WRITE_OPENAPI";
    private static readonly string[] UndocumentedMethods = ["HEAD", "OPTIONS"];

    private static readonly string RepositoryRoot = typeof(ApiDocumentTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    private LocalHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await LocalHost.StartAsync(azurite, demo: true);
        await _host.ScrapeAsync();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task The_served_document_is_what_the_local_hosts_endpoints_generate()
    {
        var document = await _host.Services.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocument.Name).GetOpenApiDocumentAsync();
        var generated = await document.SerializeAsJsonAsync(OpenApiSpecVersion.OpenApi3_1);
        var shipped = Path.Combine(RepositoryRoot, "src", "Langaj.Core", "Api", "openapi.json");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            await File.WriteAllTextAsync(shipped, generated + "\n");
        }

        using var served = await _host.Client.GetAsync("api/openapi.json");

        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(ApiDocument.ContentType, served.Content.Headers.ContentType?.ToString());
        Assert.True((await served.Content.ReadAsStringAsync()).TrimEnd() == generated,
            $"The shipped {shipped} is not what the routes generate now: regenerate it with " +
            $"{WriteVariable}=1 dotnet test tests/Langaj.Integration.Tests --filter {nameof(The_served_document_is_what_the_local_hosts_endpoints_generate)}, then rebuild.");
        Assert.Equal("3.1.1", JsonNode.Parse(generated)!["openapi"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_route_the_local_host_maps_under_api_is_in_the_document_and_only_those()
    {
        var paths = (await ServedDocumentAsync())["paths"]!.AsObject();
        var mapped = _host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => e.Metadata.GetRequiredMetadata<HttpMethodMetadata>().HttpMethods.Except(UndocumentedMethods)
                // The generator writes the home page's "/api/" as "/api", which routing matches alike.
                .Select(m => $"{m.ToLowerInvariant()} {e.RoutePattern.RawText!.TrimEnd('/')}"))
            .Order(StringComparer.Ordinal)
            .ToList();
        var documented = paths.SelectMany(p => p.Value!.AsObject().Where(o => o.Key is not "parameters").Select(o => $"{o.Key} {p.Key}"))
            .Order(StringComparer.Ordinal);

        Assert.True(mapped.Count >= 11, string.Join(", ", mapped));
        Assert.Equal(mapped, documented);
    }

    [Fact]
    public async Task The_operations_that_need_the_operator_key_are_the_ones_the_local_host_refuses_without_it()
    {
        var document = await ServedDocumentAsync();
        Assert.Equal("x-functions-key", document["components"]!["securitySchemes"]![ApiDocument.OperatorKeyScheme]!["name"]!.GetValue<string>());

        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                var url = path.TrimStart('/').Replace("{id}", "no-such-id", StringComparison.Ordinal);
                using var response = await _host.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), url));
                var guarded = operation!["security"]?.AsArray().Count > 0;
                Assert.True(guarded == (response.StatusCode == HttpStatusCode.Unauthorized),
                    $"{method} {path}: security {operation["security"]?.ToJsonString()}, the local host answered {(int)response.StatusCode} without a key");
            }
        }
    }

    [Fact]
    public async Task Redocly_lints_the_document_without_errors_or_warnings()
    {
        var file = await ServedDocumentFileAsync();
        try
        {
            var start = new ProcessStartInfo(NodeTool("redocly"), ["lint", file, "--format", "stylish"]) { WorkingDirectory = RepositoryRoot };
            var result = await CliProcess.RunAsync(start, TimeSpan.FromMinutes(2));

            Assert.True(result.ExitCode == 0, $"redocly lint failed:\n{result.Output}\n{result.Error}");
            // Findings read "line:column  warning  rule  message"; the tool's own notices (about Node.js) do not count.
            Assert.DoesNotMatch(@"\d+:\d+\s+(warning|error)\s", result.Output + result.Error);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Live_answers_to_good_and_bad_requests_are_ones_the_document_describes()
    {
        using var list = JsonDocument.Parse(await _host.Client.GetStringAsync("api/articles?limit=1"));
        var id = list.RootElement.GetProperty("items")[0].GetProperty("id").GetString()!;
        var etag = (await _host.Client.GetAsync("api/feeds/rss")).Headers.ETag!.Tag;
        var file = await ServedDocumentFileAsync();
        var port = LoopbackSite.FreePort();
        var prism = Process.Start(new ProcessStartInfo(NodeTool("prism"),
            ["proxy", file, _host.BaseUri.GetLeftPart(UriPartial.Authority), "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = RepositoryRoot,
        })!;
        var log = new System.Text.StringBuilder();
        prism.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prism.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        prism.BeginOutputReadLine();
        prism.BeginErrorReadLine();
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await WaitUntilListeningAsync(client, prism, log);
            var requests = new List<HttpRequestMessage>();
            foreach (var feed in new[] { "api/feeds/rss", "api/feeds/atom", "api/feeds/json", "api/articles" })
            {
                requests.AddRange(Gets(feed, $"{feed}?limit=2&source=demo", $"{feed}?limit=0", $"{feed}?limit=abc", $"{feed}?source=nope", $"{feed}?category=nope", $"{feed}?cursor=%21%21"));
            }
            requests.AddRange(Gets("api/", "api/health", "api/feeds.opml", "api/feeds.opml?x=1", "api/feeds.xsl", "api/openapi.json", $"api/articles/{id}", "api/articles/no-such-article"));
            var revalidate = new HttpRequestMessage(HttpMethod.Get, "api/feeds/rss");
            // Whatever Accept-Encoding the proxy sends, one of these is the tag of what it gets.
            revalidate.Headers.TryAddWithoutValidation("If-None-Match", string.Join(", ", new[] { null, ContentCoding.Gzip, ContentCoding.Brotli }.Select(c => ContentCoding.ETag(etag, c))));
            requests.Add(revalidate);
            var browser = new HttpRequestMessage(HttpMethod.Get, "api/feeds/atom");
            browser.Headers.TryAddWithoutValidation("Accept", "text/html,application/xml;q=0.9,*/*;q=0.8");
            requests.Add(browser);
            requests.Add(new HttpRequestMessage(HttpMethod.Post, "api/sources/demo/scrape"));
            var keyed = new HttpRequestMessage(HttpMethod.Post, "api/sources/no-such-source/scrape");
            keyed.Headers.Add(OperatorKeyFilter.Header, LocalHost.OperatorKey);
            requests.Add(keyed);

            var statuses = new HashSet<int>();
            foreach (var request in requests)
            {
                var what = $"{request.Method} {request.RequestUri}";
                using var response = await client.SendAsync(request);
                statuses.Add((int)response.StatusCode);
                Assert.True((int)response.StatusCode < 500, $"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}\n{log}");
                var violations = response.Headers.TryGetValues("sl-violations", out var values)
                    ? JsonNode.Parse(values.Single())!.AsArray().Where(v => v!["location"]?[0]?.GetValue<string>() == "response").ToList()
                    : [];
                Assert.True(violations.Count == 0, $"{what} ({(int)response.StatusCode}): {string.Join("; ", violations.Select(v => v!.ToJsonString()))}");
            }
            // Prism forwarded the requests rather than refusing them itself: every outcome came back.
            Assert.Superset(new HashSet<int> { 200, 304, 400, 401, 404 }, statuses);
        }
        finally
        {
            prism.Kill(entireProcessTree: true);
            await prism.WaitForExitAsync();
            prism.Dispose();
            File.Delete(file);
        }
    }

    private static IEnumerable<HttpRequestMessage> Gets(params string[] urls) => urls.Select(u => new HttpRequestMessage(HttpMethod.Get, u));

    private static async Task WaitUntilListeningAsync(HttpClient client, Process prism, System.Text.StringBuilder log)
    {
        for (var attempt = 0; attempt < 120; attempt++)
        {
            Assert.False(prism.HasExited, $"prism exited ({(prism.HasExited ? prism.ExitCode : 0)}):\n{log}");
            try
            {
                using var _ = await client.GetAsync("api/health");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500);
            }
        }
        Assert.Fail($"prism did not listen within a minute:\n{log}");
    }

    /// <summary>A tool package.json pins, as npm ci installs it; a missing one fails with what to run.</summary>
    private static string NodeTool(string name)
    {
        var path = Path.Combine(RepositoryRoot, "node_modules", ".bin", name);
        Assert.True(File.Exists(path), $"{path} is missing: run npm ci at the repository root.");
        return path;
    }

    private async Task<JsonNode> ServedDocumentAsync() => JsonNode.Parse(await _host.Client.GetStringAsync("api/openapi.json"))!;

    private async Task<string> ServedDocumentFileAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"langaj-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllBytesAsync(file, await _host.Client.GetByteArrayAsync("api/openapi.json"));
        return file;
    }
}
