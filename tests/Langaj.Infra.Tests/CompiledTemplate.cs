using System.Text.Json;

namespace Langaj.Infra.Tests;

/// <summary>
/// infra/main.bicep compiled once by the Bicep CLI into ARM JSON, with the resources of every module
/// (nested deployments) flattened into one list.
/// </summary>
public sealed class CompiledTemplate : IAsyncLifetime
{
    private JsonDocument? document;

    internal BicepResult Build { get; private set; } = new(-1, "", "");

    public JsonElement Root => (document ?? throw new InvalidOperationException("Not built.")).RootElement;

    /// <summary>The compiled template as text, for checks that must hold anywhere in it.</summary>
    public string Text => Build.Stdout;

    public IReadOnlyList<JsonElement> Resources { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Build = await BicepCli.RunAsync("build", Repository.MainBicep, "--stdout");
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException($"bicep build failed: {Build}");
        }
        document = JsonDocument.Parse(Build.Stdout);
        var resources = new List<JsonElement>();
        Collect(Root, resources);
        Resources = resources;
    }

    public Task DisposeAsync()
    {
        document?.Dispose();
        return Task.CompletedTask;
    }

    public IEnumerable<JsonElement> OfType(string type) =>
        Resources.Where(r => string.Equals(r.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase));

    public JsonElement One(string type)
    {
        var matches = OfType(type).ToList();
        Assert.True(matches.Count == 1, $"Expected exactly one {type}, found {matches.Count}.");
        return matches[0];
    }

    private static void Collect(JsonElement template, List<JsonElement> into)
    {
        var resources = template.GetProperty("resources");
        // Bicep emits an array, or an object keyed by symbolic name (language version 2.0).
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(p => p.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            into.Add(resource);
            if (resource.GetProperty("type").GetString() == "Microsoft.Resources/deployments")
            {
                Collect(resource.GetProperty("properties").GetProperty("template"), into);
            }
        }
    }
}
