using System.Diagnostics;

namespace Langaj.Integration.Tests.Cli;

/// <summary>What a finished CLI run printed, and how it exited.</summary>
internal sealed record CliResult(int ExitCode, string Output, string Error);

/// <summary>Runs the real <c>Langaj.Cli</c> (as built beside the tests) in a process of its own.</summary>
internal static class CliProcess
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string>? environment, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Langaj.Cli.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }
        return start;
    }

    public static Task<CliResult> RunAsync(IReadOnlyDictionary<string, string>? environment, params string[] arguments) =>
        RunAsync(StartInfo(environment, arguments), Timeout);

    /// <summary>Runs any program to the end (the CLI installed as a tool, <c>dotnet pack</c>...), killing it after <paramref name="timeout"/>.</summary>
    public static async Task<CliResult> RunAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        (start.RedirectStandardOutput, start.RedirectStandardError, start.UseShellExecute) = (true, true, false);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}: {await error}");
        }
        return new CliResult(process.ExitCode, await output, await error);
    }
}
