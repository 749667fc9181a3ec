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

    internal static async Task<bool> ListensAsync(int port)
    {
        using var client = new System.Net.Sockets.TcpClient();
        try
        {
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }

    internal static async Task<string> SourcesFileAsync(string json)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("langaj-sources-").FullName, "sources.json");
        await File.WriteAllTextAsync(path, json);
        return path;
    }

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

    internal static string DemoSourcesJson(LoopbackSite site) => $$"""
        { "sources": [ { "id": "demo", "name": "Demo", "language": "fr",
          "listing": { "url": "{{site.Url("index.html")}}", "linkSelector": "li.teaser a" }, "allowPrivateAddresses": true } ] }
        """;
}
