using Langaj.Cli.Demo;
using Langaj.Core;
using Langaj.Core.Api;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;

namespace Langaj.Cli.Hosting;

/// <summary>How to run the local host: what <c>serve</c> takes on its command line.</summary>
public sealed record LocalServerSettings(string Urls, FileInfo? Sources = null, bool Demo = false)
{
    /// <summary>Settings that win over appsettings and environment (tests point storage at their emulator with it).</summary>
    public IReadOnlyDictionary<string, string?> Overrides { get; init; } = new Dictionary<string, string?>();

    /// <summary>False leaves scraping to the caller (tests drive <see cref="ScrapeRunner"/> themselves).</summary>
    public bool RunSchedules { get; init; } = true;
}

/// <summary>
/// The local host: the shared API with minimal APIs, schedules run in-process, the demo site if asked.
/// Composition only; every behaviour is in Langaj.Core.
/// </summary>
public static class LocalServer
{
    public static WebApplication Build(LocalServerSettings settings)
    {
        var baseUrl = new Uri(settings.Urls.Split(';')[0]);
        var builder = WebApplication.CreateBuilder(CommandLineConfiguration(settings.Sources));
        CliDefaults.AddTo(builder.Configuration, listensAt: baseUrl);
        // Standard output is for results; the server's log goes where the verbs' logs go.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.WebHost.UseUrls(settings.Urls);
        // Every read route answers from memory without blocking, so a request runs on the thread its socket
        // completed on instead of hopping to the thread pool: about a tenth more feeds per second (bench/feeds).
        // The price shows at saturation, with wrk on the same two cores: p99 10 to 80 ms (thread pool 3 to 12,
        // nginx 4), as a socket thread busy all the time is preempted with all its connections.
        builder.WebHost.UseSockets(sockets => sockets.UnsafePreferInlineScheduling = true);
        builder.Configuration.AddInMemoryCollection(settings.Overrides);
        OperatorKey.EnsureConfigured(builder.Configuration);

        builder.AddLangajCore();
        // The local host's endpoints are the ones /api/openapi.json is generated from (a test compares them).
        builder.AddLangajApiDocument();
        if (settings.RunSchedules)
        {
            builder.AddLangajScheduler();
        }
        if (settings.Demo)
        {
            builder.Services.AddSingleton(new ConfiguredSources([DemoSite.Source(baseUrl)]));
        }

        var app = builder.Build();
        // Unknown routes (404) and wrong methods (405) get an empty body from routing; with AddProblemDetails
        // registered, this answers them as problem+json like every other error of the API.
        app.UseStatusCodePages();
        app.UsePublicReads();
        if (settings.Demo)
        {
            app.MapDemoSite();
        }
        app.MapLangajApi();
        // The home page at the root too: only the Functions app's routePrefix keeps it under /api/ there.
        app.MapGet("/", () => TypedResults.Redirect("/api/"));
        AnnounceWhenReady(app, baseUrl);
        app.WarmUpWhenStarted(baseUrl);
        return app;
    }

    private static void AnnounceWhenReady(WebApplication app, Uri baseUrl) =>
        app.Lifetime.ApplicationStarted.Register(() => Console.Error.WriteLine(
            $"Ready: home {baseUrl}, feeds {new Uri(baseUrl, "api/feeds/rss")} (also /atom, /json), health {new Uri(baseUrl, "api/health")}"));

    /// <summary>Command-line values as configuration, so every verb reads settings one way.</summary>
    public static string[] CommandLineConfiguration(FileInfo? sources) =>
        sources is null ? [] : [$"--Sources:File={sources.FullName}"];
}
