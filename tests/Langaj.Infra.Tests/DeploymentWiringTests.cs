using System.Text.Json;
using System.Text.RegularExpressions;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;

namespace Langaj.Infra.Tests;

/// <summary>
/// The names that tie code, host.json, infra/ and azure.yaml together agree: route prefix, app setting
/// names, queue name, azd service, feed URLs.
/// </summary>
public sealed partial class DeploymentWiringTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void Host_json_route_prefix_is_the_local_hosts_group_prefix()
    {
        using var host = JsonDocument.Parse(Repository.ReadText("host.json"));
        var http = host.RootElement.GetProperty("extensions").GetProperty("http");

        // Every route MapLangajApi maps sits under one group; the Functions host prefixes every function route alike.
        var prefixes = LocalHostRoutes.Patterns.Select(p => p.Split('/', StringSplitOptions.RemoveEmptyEntries)[0]).Distinct(StringComparer.Ordinal);

        Assert.Equal([http.GetProperty("routePrefix").GetString()], prefixes);
    }

    [Fact]
    public void Host_json_sets_logging_sampling_and_queue_encoding_on_purpose()
    {
        using var host = JsonDocument.Parse(Repository.ReadText("host.json"));
        var root = host.RootElement;
        var sampling = root.GetProperty("logging").GetProperty("applicationInsights").GetProperty("samplingSettings");

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        Assert.True(root.GetProperty("logging").GetProperty("logLevel").TryGetProperty("default", out _));
        Assert.True(sampling.GetProperty("isEnabled").GetBoolean());
        // Requests and exceptions are never sampled away: they are what an operator looks for.
        Assert.Contains("Request", sampling.GetProperty("excludedTypes").GetString()!.Split(';'));
        Assert.Contains("Exception", sampling.GetProperty("excludedTypes").GetString()!.Split(';'));
        Assert.False(root.TryGetProperty("extensionBundle", out _)); // .NET isolated takes extensions from NuGet.
        // The worker exports its own logs (AddLangajTelemetry); in this mode the host drops the copies it relays.
        Assert.Equal("OpenTelemetry", root.GetProperty("telemetryMode").GetString());
        Assert.Equal("base64", root.GetProperty("extensions").GetProperty("queues").GetProperty("messageEncoding").GetString());
    }

    [Fact]
    public void Queue_retries_as_often_in_Azure_as_in_the_local_worker()
    {
        using var host = JsonDocument.Parse(Repository.ReadText("host.json"));

        Assert.Equal(
            ScrapeQueue.MaxDequeueCount,
            host.RootElement.GetProperty("extensions").GetProperty("queues").GetProperty("maxDequeueCount").GetInt32());
    }

    [Fact]
    public void Functions_project_links_the_root_host_json_and_ships_sources_json()
    {
        var project = Repository.ReadText("src", "Langaj.Functions", "Langaj.Functions.csproj");

        Assert.Contains("""<None Include="..\..\host.json" Link="host.json" """, project, StringComparison.Ordinal);
        Assert.Contains("""<None Update="sources.json" CopyToOutputDirectory="PreserveNewest" CopyToPublishDirectory="PreserveNewest" />""", project, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Repository.FunctionsProject, "host.json")));
    }

    [Fact]
    public void Every_setting_named_in_a_trigger_is_deployed_and_in_the_local_example()
    {
        var names = FunctionsAssembly.Functions
            .SelectMany(f => f.TriggerStrings.SelectMany(s => SettingReference().Matches(s)))
            .Select(m => m.Groups["name"].Value)
            .ToHashSet(StringComparer.Ordinal);
        var deployed = Properties(template.One("Microsoft.Web/sites/config")).EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        using var example = JsonDocument.Parse(Repository.ReadText("src", "Langaj.Functions", "local.settings.example.json"));
        var local = example.RootElement.GetProperty("Values").EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("ScrapeSchedule", names);
        Assert.Subset(deployed, names);
        Assert.Subset(local, names);
    }

    [Fact]
    public void Local_settings_stay_out_of_git_and_the_example_runs_against_azurite()
    {
        var ignored = Repository.ReadText(".gitignore").Split('\n').Select(l => l.Trim());
        using var example = JsonDocument.Parse(Repository.ReadText("src", "Langaj.Functions", "local.settings.example.json"));
        var values = example.RootElement.GetProperty("Values");

        Assert.Contains("local.settings.json", ignored);
        Assert.Equal("dotnet-isolated", values.GetProperty("FUNCTIONS_WORKER_RUNTIME").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("AzureWebJobsStorage").GetString());
        Assert.Equal("UseDevelopmentStorage=true", values.GetProperty("ConnectionStrings__Storage").GetString());
    }

    [Fact]
    public void Azd_service_is_the_functions_project_and_the_tagged_app()
    {
        var azure = Repository.ReadText("azure.yaml");
        var service = AzdService().Match(azure);
        var main = Repository.ReadText("infra", "main.bicep");

        Assert.True(service.Success, azure);
        Assert.Equal("./src/Langaj.Functions", service.Groups["project"].Value);
        Assert.Equal("function", service.Groups["host"].Value);
        Assert.Contains($"serviceName: '{service.Groups["name"].Value}'", main, StringComparison.Ordinal);
        Assert.Contains("createObject('azd-service-name', parameters('serviceName'))", template.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Feed_url_outputs_point_at_routes_the_app_serves()
    {
        // What the deployed app serves: its HTTP functions that answer GET, under host.json's route prefix.
        using var host = JsonDocument.Parse(Repository.ReadText("host.json"));
        var prefix = host.RootElement.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString();
        var routes = FunctionsAssembly.Functions.Where(f => f.IsHttp && f.TriggerStrings.Contains("get")).Select(f => $"/{prefix}/{f.Route}").ToHashSet(StringComparer.Ordinal);
        var outputs = template.Root.GetProperty("outputs").EnumerateObject().Where(o => o.Name.StartsWith("FEED_", StringComparison.Ordinal)).ToList();

        Assert.Equal(4, outputs.Count);
        Assert.All(outputs, o => Assert.Contains(FeedPath().Match(o.Value.GetProperty("value").GetString()!).Value, routes));
    }

    [Fact]
    public void Shipped_sources_json_loads_with_the_apps_parser()
    {
        // The parser reports every problem in the file at once, so a bad sample fails here with all of them.
        var sources = SourcesFile.Load(Path.Combine(Repository.FunctionsProject, "sources.json"));

        Assert.NotEmpty(sources);
        Assert.All(sources, s => Assert.Equal("https", s.DiscoveryUrl.Scheme));
        Assert.All(sources, s => Assert.False(s.AllowPrivateAddresses));
    }

    private static JsonElement Properties(JsonElement resource) => resource.GetProperty("properties");

    [GeneratedRegex("%(?<name>[A-Za-z0-9_]+)%")]
    private static partial Regex SettingReference();

    [GeneratedRegex(@"services:\s*\n\s+(?<name>[\w-]+):\s*\n\s+project:\s*(?<project>\S+)\s*\n\s+language:\s*dotnet\s*\n\s+host:\s*(?<host>\w+)")]
    private static partial Regex AzdService();

    [GeneratedRegex(@"/api/[^']+")]
    private static partial Regex FeedPath();
}
