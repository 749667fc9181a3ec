using System.Text.RegularExpressions;

namespace Langaj.Infra.Tests;

/// <summary>infra/ compiles and lints clean with the real Bicep CLI: no errors, and no warnings either.</summary>
public sealed partial class BicepToolTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    public static TheoryData<string> BicepFiles() => new(BicepFileNames());

    private static IEnumerable<string> BicepFileNames() =>
        Directory.EnumerateFiles(Repository.Infra, "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(Repository.Infra, file))
            .Order(StringComparer.Ordinal);

    [Fact]
    public void Build_of_main_prints_no_diagnostics()
    {
        Assert.Equal(0, template.Build.ExitCode);
        Assert.True(template.Build.Stderr.Length == 0, template.Build.ToString());
        Assert.StartsWith("{", template.Build.Stdout.TrimStart(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_reports_nothing(string file)
    {
        var lint = await BicepCli.RunAsync("lint", Path.Combine(Repository.Infra, file));

        Assert.Equal(0, lint.ExitCode);
        Assert.True(lint.Stdout.Trim().Length == 0 && lint.Stderr.Trim().Length == 0, lint.ToString());
    }

    [Fact]
    public void Every_module_main_deploys_is_linted()
    {
        var modules = ModuleReference().Matches(File.ReadAllText(Repository.MainBicep)).Select(m => m.Groups["path"].Value).ToList();
        var linted = BicepFileNames().Select(f => f.Replace('\\', '/')).ToList();

        Assert.NotEmpty(modules);
        Assert.Subset(linted.ToHashSet(StringComparer.Ordinal), modules.ToHashSet(StringComparer.Ordinal));
        Assert.Contains("main.bicep", linted);
    }

    [GeneratedRegex(@"^module\s+\w+\s+'(?<path>[^']+)'", RegexOptions.Multiline)]
    private static partial Regex ModuleReference();
}
