using System.Reflection;

namespace Langaj.Infra.Tests;

/// <summary>Paths the tests check, from the metadata the test project's build writes into the assembly.</summary>
internal static class Repository
{
    public static string Root { get; } = Metadata("RepositoryRoot");

    /// <summary>The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package.</summary>
    public static string BicepPath { get; } = Metadata("BicepPath");

    /// <summary>The Functions app's build output, which the test project builds first.</summary>
    public static string FunctionsWorkerDirectory { get; } = Metadata("FunctionsWorkerDirectory");

    public static string Infra => Path.Combine(Root, "infra");

    public static string MainBicep => Path.Combine(Infra, "main.bicep");

    public static string FunctionsProject => Path.Combine(Root, "src", "Langaj.Functions");

    public static string ReadText(params string[] relativePath) =>
        File.ReadAllText(Path.Combine([Root, .. relativePath]));

    private static string Metadata(string key) =>
        typeof(Repository).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == key)?.Value
        ?? throw new InvalidOperationException($"The test assembly carries no '{key}' metadata; see Langaj.Infra.Tests.csproj.");
}
