namespace Langaj.Cli.Hosting;

/// <summary>
/// Once the server listens, it asks itself for the feeds, as a platform's warm-up request does before it
/// routes traffic to a new instance: the request path is compiled before the first reader comes.
/// </summary>
internal static partial class ServerWarmup
{
    private static readonly string[] Paths = ["api/feeds/rss", "api/feeds/atom", "api/feeds/json", "api/articles"];

    public static void WarmUpWhenStarted(this WebApplication app, Uri baseUrl) =>
        app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
        {
            using var client = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
            foreach (var path in Paths)
            {
                try
                {
                    using var response = await client.GetAsync(path, app.Lifetime.ApplicationStopping);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    WarmUpFailed(app.Logger, path, e.Message, e);
                }
            }
        }));

    [LoggerMessage(EventId = 1000, Level = LogLevel.Debug, Message = "Warm-up request to {Path} failed: {Error}")]
    private static partial void WarmUpFailed(ILogger logger, string path, string error, Exception exception);
}
