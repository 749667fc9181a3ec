using System.Diagnostics;
using Langaj.Cli.Hosting;
using Langaj.Testing;
using static Langaj.Integration.Tests.Cli.CliSupport;

namespace Langaj.Integration.Tests.Cli;

/// <summary>
/// The CLI on storage of its own: the emulator it starts by itself (embedded, or on the development default)
/// and the CLI installed as a .NET tool. Apart from <see cref="CliTests"/> so that the two classes run side by side.
/// </summary>
public sealed class CliEmbeddedStorageTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Serve_on_the_development_default_starts_the_pinned_azurite_and_stops_it_on_exit()
    {
        if (await LoopbackPort.AcceptsConnectionsAsync(10000))
        {
            // Someone's emulator already serves the default ports: serve uses it, and this test has nothing to prove.
            Assert.Fail("An Azure Storage emulator already listens on 127.0.0.1:10000; stop it to run this test.");
        }
        var port = LoopbackSite.FreePort();
        var environment = new Dictionary<string, string> { ["Storage__NamePrefix"] = AzuriteFixture.NewNamePrefix() };
        using var process = Process.Start(CliProcess.StartInfo(environment, "serve", "--demo", "--urls", $"http://127.0.0.1:{port}"))!;
        var stopped = false;
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
            await PollAsync(async () =>
            {
                var list = await client.GetFromJsonAsync<JsonElement>("api/articles");
                return list.GetProperty("items").GetArrayLength() == 4 ? list : (JsonElement?)null;
            });
            Assert.True(await LoopbackPort.AcceptsConnectionsAsync(10000), "serve started Azurite on the default blob port");
        }
        finally
        {
            // SIGTERM, as a service manager or a container runtime stops it (Ctrl+C takes the same path, but a shell that
            // runs the tests in the background leaves SIGINT ignored in every child): the host shuts down and takes
            // its emulator with it.
            using (var stop = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await stop.WaitForExitAsync();
            }
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
                stopped = true;
            }
            catch (OperationCanceledException)
            {
                // A serve that did not stop must not keep the standard ports from the tests after this one.
                process.Kill(entireProcessTree: true);
            }
        }
        Assert.True(stopped, "serve stopped within 60 s of SIGTERM");
        Assert.False(await LoopbackPort.AcceptsConnectionsAsync(10000), "Azurite stopped with serve");
    }

    [Fact]
    public async Task Scrape_on_its_own_embedded_storage_remembers_the_first_run_in_the_second()
    {
        await using var site = await LoopbackSite.StartAsync(_ => { }, DemoSite);
        var sources = await SourcesFileAsync(DemoSource(site));
        var environment = EmbeddedStorageEnvironment();

        var first = await CliProcess.RunAsync(environment, "scrape", "--sources", sources);
        var second = await CliProcess.RunAsync(environment, "scrape", "--sources", sources);

        Assert.True(first.ExitCode == 0, first.Error + first.Output);
        Assert.Contains("new 4", first.Output, StringComparison.Ordinal);
        // Only what Azurite saved before it stopped can give the second run its validators and articles.
        Assert.True(second.ExitCode == 0, second.Error + second.Output);
        Assert.Contains("new 0", second.Output, StringComparison.Ordinal);
        Assert.NotNull(site.RequestsTo("/index.html").Last().Header("If-None-Match"));
        Assert.Single(site.RequestsTo("/articles/canicule-record-sud.html"));
    }

    [Fact]
    public async Task Serve_stopped_by_sigterm_stops_its_emulator_gracefully_and_keeps_the_data()
    {
        var port = LoopbackSite.FreePort();
        var environment = EmbeddedStorageEnvironment();
        using var process = Process.Start(CliProcess.StartInfo(environment, "serve", "--demo", "--urls", $"http://127.0.0.1:{port}"))!;
        var error = process.StandardError.ReadToEndAsync();
        using (var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") })
        {
            await PollAsync(async () =>
            {
                var list = await client.GetFromJsonAsync<JsonElement>("api/articles");
                return list.GetProperty("items").GetArrayLength() == 4 ? list : (JsonElement?)null;
            });
        }
        using (var terminate = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await terminate.WaitForExitAsync();
        }
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90)))
        {
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.DoesNotContain("Could not release the lease", await error, StringComparison.Ordinal);
        await using var emulator = new AzuriteEmulator(Path.Combine(environment["Langaj__DataFolder"], "azurite"), useStandardPorts: false);
        await emulator.StartAsync();
        await using var storage = await azurite.StorageAsync(environment["Storage__NamePrefix"], emulator);
        var ids = await storage.GetRequiredService<ArticleStore>().ListIdsAsync(null, CancellationToken.None).ToListAsync();
        Assert.Equal(4, ids.Count);
    }

    /// <summary>No connection string: the CLI starts an emulator of its own, on free ports, in a fresh data folder.</summary>
    private static Dictionary<string, string> EmbeddedStorageEnvironment() => new()
    {
        ["Langaj__DataFolder"] = Directory.CreateTempSubdirectory("langaj-data-").FullName,
        ["Langaj__EmulatorPorts"] = "free",
        ["Storage__NamePrefix"] = AzuriteFixture.NewNamePrefix(),
    };

    [Fact]
    public async Task Packed_as_a_dotnet_tool_it_runs_outside_the_repository_and_says_what_to_install_when_storage_is_missing()
    {
        var repository = AzuriteEmulator.TryFindPackageRoot(AppContext.BaseDirectory)!;
        var work = Directory.CreateTempSubdirectory("langaj-tool-").FullName;
        var packages = Path.Combine(work, "packages");
        var tools = Path.Combine(work, "tools");
        var outside = Directory.CreateDirectory(Path.Combine(work, "elsewhere")).FullName;
        var onPath = new FileInfo(AzuriteEmulator.FindOnPath("dotnet")!);
        var dotnet = Path.GetDirectoryName(onPath.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? onPath.FullName)!;

        var pack = await CliProcess.RunAsync(Dotnet(repository, "pack", Path.Combine(repository, "src", "Langaj.Cli"), "-o", packages), TimeSpan.FromMinutes(8));
        Assert.True(pack.ExitCode == 0, pack.Output + pack.Error);
        var install = await CliProcess.RunAsync(Dotnet(work, "tool", "install", "Langaj.Cli", "--add-source", packages, "--tool-path", tools), TimeSpan.FromMinutes(3));
        Assert.True(install.ExitCode == 0, install.Output + install.Error);

        await using var site = await LoopbackSite.StartAsync(_ => { }, DemoSite);
        var sources = await SourcesFileAsync(DemoSource(site));
        var tool = Path.Combine(tools, OperatingSystem.IsWindows() ? "langaj.exe" : "langaj");
        var scrape = new ProcessStartInfo(tool) { WorkingDirectory = outside };
        foreach (var argument in new[] { "scrape", "--sources", sources, "--storage", azurite.ConnectionString })
        {
            scrape.ArgumentList.Add(argument);
        }
        scrape.Environment["Storage__NamePrefix"] = AzuriteFixture.NewNamePrefix();
        var scraped = await CliProcess.RunAsync(scrape, TimeSpan.FromMinutes(2));

        // No connection string, and a PATH with dotnet only: no Azurite, no npx, no setsid.
        var bare = new ProcessStartInfo(tool) { WorkingDirectory = outside };
        bare.ArgumentList.Add("scrape");
        bare.ArgumentList.Add("--sources");
        bare.ArgumentList.Add(sources);
        bare.Environment["PATH"] = dotnet;
        bare.Environment["Langaj__DataFolder"] = Path.Combine(work, "data");
        var refused = await CliProcess.RunAsync(bare, TimeSpan.FromMinutes(2));

        Assert.True(scraped.ExitCode == 0, scraped.Output + scraped.Error);
        Assert.Contains("new 4", scraped.Output, StringComparison.Ordinal);
        Assert.Equal(3, refused.ExitCode);
        Assert.Contains("No storage: install Node.js", refused.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", refused.Error, StringComparison.Ordinal);
    }
}
