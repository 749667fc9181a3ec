using System.Diagnostics;

namespace Langaj.Infra.Tests;

/// <summary>What one run of the Bicep CLI printed and returned.</summary>
internal sealed record BicepResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}

/// <summary>Runs the real Bicep CLI (no network: infra/ uses no registry modules).</summary>
internal static class BicepCli
{
    public static async Task<BicepResult> RunAsync(params string[] arguments)
    {
        EnsureExecutable(Repository.BicepPath);
        var start = new ProcessStartInfo(Repository.BicepPath)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Repository.Infra,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        // No telemetry from test runs, and no prompt to install anything.
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Repository.BicepPath}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new BicepResult(process.ExitCode, await stdout, await stderr);
    }

    // NuGet extracts package files without the execute bit on some systems.
    private static void EnsureExecutable(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException("The Bicep CLI is missing: restore Langaj.Infra.Tests.", path);
        }
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        var mode = File.GetUnixFileMode(path);
        if (!mode.HasFlag(UnixFileMode.UserExecute))
        {
            File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
        }
    }
}
