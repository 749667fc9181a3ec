namespace Langaj.Cli.Hosting;

/// <summary>
/// Once the server listens, it asks itself for the feeds, as a platform's warm-up request does before it
/// routes traffic to a new instance: the request path is compiled before the first reader comes.
/// </summary>
internal static class ServerWarmup
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
                    app.Logger.LogDebug("Warm-up request to {Path} failed: {Error}", path, e.Message);
                }
            }
        }));
}
