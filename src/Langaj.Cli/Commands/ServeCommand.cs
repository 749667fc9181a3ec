using System.CommandLine;
using Langaj.Cli.Hosting;
using Langaj.Core;
using Langaj.Core.Sources;
using Microsoft.Extensions.Options;

namespace Langaj.Cli.Commands;

/// <summary><c>serve</c>: the local host. Same routes as the Functions app, schedules run in-process.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => CliDefaults.Url };
        var sources = CommonOptions.Sources();
        var demo = new Option<bool>("--demo") { Description = "Serve and scrape the bundled demo news site (no network needed)." };
        var command = new Command("serve", "Run Langaj locally: scrape sources on their schedules and serve feeds and the API.")
        {
            urls, sources, demo,
        };
        command.SetAction((parse, ct) => RunAsync(new LocalServerSettings(parse.GetValue(urls)!, parse.GetValue(sources), parse.GetValue(demo)), ct));
        return command;
    }

    private static async Task<int> RunAsync(LocalServerSettings settings, CancellationToken cancellationToken)
    {
        var app = LocalServer.Build(settings);
        // A wrong sources file stops the server at start, not at the first scheduled scrape. Only the file: the
        // storage clients must not be made before the emulator has said where it listens.
        _ = app.Services.GetRequiredService<ConfiguredSources>();
        await using var emulator = await LocalStorage.StartEmulatorIfNeededAsync(app.Configuration, cancellationToken);
        // Every setting, once the emulator has said where it listens and before storage is created; here rather than
        // in the host's start, which would log each wrong one with a stack trace before Program says it in a line.
        app.Services.GetRequiredService<IStartupValidator>().Validate();
        await app.Services.EnsureLangajStorageAsync(cancellationToken);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
