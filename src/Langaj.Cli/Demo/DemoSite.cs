using Langaj.Core.Sources;
using Microsoft.Extensions.FileProviders;

namespace Langaj.Cli.Demo;

/// <summary>
/// The bundled demo news site (French pages with realistic noise and their own RSS feed), served under
/// <c>/demo/</c> by the local host itself so a newcomer sees full feeds without network access.
/// </summary>
internal static class DemoSite
{
    public const string PathPrefix = "/demo";
    private const string BasePlaceholder = "{base}";

    public static SourceDefinition Source(Uri serverUrl) => new()
    {
        Id = "demo",
        Name = "Langaj Actu (démo)",
        Language = "fr",
        // Built like the first source's pages, whose dates are Paris time without an offset.
        TimeZone = "Europe/Paris",
        Discovery = DiscoveryKind.Feed,
        DiscoveryUrl = new Uri(serverUrl, PathPrefix + "/feed.xml"),
        // The demo site is this very server, on loopback.
        AllowPrivateAddresses = true,
    };

    public static void MapDemoSite(this WebApplication app)
    {
        var root = Path.Combine(AppContext.BaseDirectory, "DemoSite");
        // RSS wants absolute links: the feed names the address the site is actually served at.
        app.MapGet(PathPrefix + "/feed.xml", (HttpRequest request) =>
        {
            var feed = File.ReadAllText(Path.Combine(root, "feed.xml"))
                .Replace(BasePlaceholder, $"{request.Scheme}://{request.Host}{PathPrefix}", StringComparison.Ordinal);
            return Results.Text(feed, "application/rss+xml; charset=utf-8");
        });
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), RequestPath = PathPrefix });
    }
}
