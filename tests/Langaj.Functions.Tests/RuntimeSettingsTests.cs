using System.Text.Json;
using Langaj.Testing.Hosts;

namespace Langaj.Functions.Tests;

/// <summary>
/// The runtime settings the worker starts with, as the runtime reads them (the runtimeconfig.json next to the
/// worker, the build output or CI's ReadyToRun publish): the ones the benchmarks measured and the csproj explains.
/// </summary>
public sealed class RuntimeSettingsTests
{
    [Theory]
    [InlineData("System.GC.Concurrent", false)]
    [InlineData("System.Runtime.TieredPGO", false)]
    public void The_worker_starts_with_the_measured_runtime_settings(string setting, bool expected)
    {
        var path = Path.Combine(FunctionsHost.DefaultWorkerDirectory, "Langaj.Functions.runtimeconfig.json");
        using var config = JsonDocument.Parse(File.ReadAllText(path));

        var options = config.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.True(options.TryGetProperty(setting, out var value), $"{setting} is not set in {path}");
        Assert.Equal(expected, value.GetBoolean());
    }
}
