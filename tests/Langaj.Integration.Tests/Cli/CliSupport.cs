using System.Diagnostics;
using Langaj.Testing;

namespace Langaj.Integration.Tests.Cli;

/// <summary>What the CLI test classes share: the demo site's files, a sources file, a dotnet command, waiting for serve.</summary>
internal static class CliSupport
{
    internal static readonly string DemoSite = Path.Combine(AppContext.BaseDirectory, "DemoSite");

    internal static ProcessStartInfo Dotnet(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["DOTNET_NOLOGO"] = "1";
        return start;
    }

    /// <summary>Writes a sources file with these entries (<see cref="TestSources"/>) and returns its path, for <c>--sources</c>.</summary>
    internal static async Task<string> SourcesFileAsync(params IEnumerable<object> sources) => (await TestSources.FileAsync(sources)).FullName;

    internal static async Task<JsonElement> PollAsync(Func<Task<JsonElement?>> attempt)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                if (await attempt() is { } done)
                {
                    return done;
                }
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                // Not listening yet.
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("serve did not serve what was expected within 90 s");
            }
            await Task.Delay(500);
        }
    }

    /// <summary>The source <c>demo</c>: the teaser links of <paramref name="listing"/> on <paramref name="site"/>, by default the demo site's home page.</summary>
    internal static object DemoSource(LoopbackSite site, string listing = "index.html") => TestSources.Listing("demo", site.Url(listing), "li.teaser a", "Demo");
}
