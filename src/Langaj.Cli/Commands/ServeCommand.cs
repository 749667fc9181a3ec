using System.CommandLine;
using Langaj.Cli.Demo;
using Langaj.Cli.Hosting;
using Langaj.Core;
using Langaj.Core.Api;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;

namespace Langaj.Cli.Commands;

/// <summary><c>serve</c>: the local host. Same routes as the Functions app, schedules run in-process.</summary>
internal static class ServeCommand
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => DefaultUrl };
        var sources = CommonOptions.Sources();
        var demo = new Option<bool>("--demo") { Description = "Serve and scrape the bundled demo news site (no network needed)." };
        var command = new Command("serve", "Run Langaj locally: scrape sources on their schedules and serve feeds and the API.")
        {
            urls, sources, demo,
        };
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(urls)!, parse.GetValue(sources), parse.GetValue(demo), ct));
        return command;
    }

    private static async Task<int> RunAsync(string urls, FileInfo? sources, bool demo, CancellationToken cancellationToken)
    {
        var baseUrl = new Uri(urls.Split(';')[0]);
        var builder = WebApplication.CreateBuilder(CommonOptions.AsConfiguration(sources));
        builder.WebHost.UseUrls(urls);
        if (string.IsNullOrEmpty(builder.Configuration["Feeds:PublicBaseUrl"]))
        {
            builder.Configuration["Feeds:PublicBaseUrl"] = baseUrl.ToString();
        }
        await using var emulator = await LocalStorage.StartEmulatorIfNeededAsync(builder.Configuration, cancellationToken);
        builder.AddLangajCore();
        builder.AddLangajScheduler();
        OperatorKey.EnsureConfigured(builder.Configuration);
        if (demo)
        {
            builder.Services.AddSingleton(new SourceCatalog([DemoSite.Source(baseUrl)]));
        }

        var app = builder.Build();
        if (demo)
        {
            app.MapDemoSite();
        }
        app.MapLangajApi();
        await app.Services.EnsureLangajStorageAsync(cancellationToken);
        OperatorKey.Announce(app);
        await app.RunAsync(cancellationToken);
        return 0;
    }
}
