using System.Collections.Concurrent;
using System.Text;
using Langaj.Cli.Hosting;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Langaj.Integration.Tests.Faults;

/// <summary>How a fixture URL misbehaves.</summary>
internal enum Fault
{
    /// <summary>Answers properly.</summary>
    None,
    /// <summary>HTTP 500, every time.</summary>
    Always500,
    /// <summary>HTTP 500 the first time, then properly.</summary>
    Error500Once,
    /// <summary>HTTP 429 with <c>Retry-After: 1</c> the first time, then properly.</summary>
    TooManyRequestsOnce,
    /// <summary>Sends nothing until the client gives up.</summary>
    Hang,
    /// <summary>Declares a Content-Length, sends part of it, and aborts the connection.</summary>
    Truncated,
    /// <summary>20 MB of text, chunked (no Content-Length): the size cap must cut the read.</summary>
    Huge,
    /// <summary>20 MB announced in Content-Length: the size cap must refuse it before reading.</summary>
    HugeDeclared,
    /// <summary>Random bytes served as text/html.</summary>
    Garbage,
    /// <summary>A redirect to itself, forever.</summary>
    RedirectLoop,
    /// <summary>An anti-bot challenge page (HTTP 200).</summary>
    Challenge,
    /// <summary>HTTP 200 with an empty body.</summary>
    Empty,
}

/// <summary>
/// A fixture source: its feed's fault, its articles' faults (article n has <c>Articles[n - 1]</c>), its category, and
/// markup placed inside every article (<see cref="NewsPages.Article"/>'s aside).
/// </summary>
internal sealed record FaultSource(string Id, Fault Feed, IReadOnlyList<Fault> Articles, string Category = "Politique", string Aside = "")
{
    public static FaultSource Good(string id, int articles, string category = "Politique") => new(id, Fault.None, Enumerable.Repeat(Fault.None, articles).ToArray(), category);
}

/// <summary>
/// A news site on loopback whose feeds and article pages misbehave as each <see cref="FaultSource"/> says, counting
/// every fault it injects. <c>/s/{source}/feed.xml</c> is a source's RSS feed, <c>/s/{source}/{n}.html</c> its articles.
/// </summary>
internal sealed class FaultSite : IAsyncDisposable
{
    private const int HugeBytes = 20 * 1024 * 1024;

    private readonly ConcurrentDictionary<string, FaultSource> _sources = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _hits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Fault, int> _injected = new();
    private readonly CancellationTokenSource _stopping = new();
    private LoopbackSite _site = null!;

    private FaultSite()
    {
    }

    public LoopbackSite Site => _site;

    /// <summary>Runs before each article is served (after its fault is chosen); the storage-outage test stops Azurite here.</summary>
    public Func<string, int, Task>? BeforeArticle { get; set; }

    /// <summary>Runs before each feed is served; the scale-out test holds feeds here until both workers have asked for one.</summary>
    public Func<HttpContext, Task>? BeforeFeed { get; set; }

    /// <summary>Faults injected so far, by kind (a retried URL counts once per faulty answer).</summary>
    public IReadOnlyDictionary<Fault, int> Injected => new Dictionary<Fault, int>(_injected);

    public static async Task<FaultSite> StartAsync(IEnumerable<FaultSource> sources)
    {
        var site = new FaultSite();
        foreach (var source in sources)
        {
            site._sources[source.Id] = source;
        }
        site._site = await LoopbackSite.StartAsync(app =>
        {
            app.MapGet("/s/{source}/feed.xml", site.FeedAsync);
            app.MapGet("/s/{source}/{number:int}.html", site.ArticleAsync);
        });
        return site;
    }

    public Uri FeedUrl(string sourceId) => _site.Url($"s/{sourceId}/feed.xml");

    public Uri ArticleUrl(string sourceId, int number) => _site.Url($"s/{sourceId}/{number}.html");

    /// <summary>Changes a source (e.g. makes a good source's feed fail from now on).</summary>
    public void Set(FaultSource source) => _sources[source.Id] = source;

    /// <summary>The sources file entries of every source of this site.</summary>
    public IEnumerable<object> SourceEntries() => _sources.Values.OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => TestSources.Feed(s.Id, FeedUrl(s.Id)));

    /// <summary>The ids Langaj gives the articles of <paramref name="sourceId"/>, in article order.</summary>
    public IEnumerable<string> ArticleIds(string sourceId) =>
        Enumerable.Range(1, _sources[sourceId].Articles.Count).Select(n => NewsPages.Id(ArticleUrl(sourceId, n)));

    /// <summary>
    /// A local host whose sources are this site's, fetching fast (<see cref="NewsPages.FastFetching"/>, with
    /// <paramref name="settings"/> on top); with <paramref name="namePrefix"/>, on another host's storage.
    /// </summary>
    public async Task<LocalHost> StartHostAsync(
        AzuriteFixture azurite, Dictionary<string, string?>? settings = null, string? namePrefix = null, AzuriteEmulator? emulator = null) =>
        await LocalHost.StartAsync(
            azurite, sourcesFile: await TestSources.FileAsync(SourceEntries()), settings: NewsPages.FastFetching(settings), emulator: emulator, namePrefix: namePrefix);

    private async Task FeedAsync(HttpContext context, string source)
    {
        if (!_sources.TryGetValue(source, out var definition))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (BeforeFeed is { } hook)
        {
            await hook(context);
        }
        var links = definition.Articles.Select((_, i) => (ArticleUrl(source, i + 1), i + 1));
        await ServeAsync(context, definition.Feed, "feed:" + source, "application/rss+xml; charset=utf-8", NewsPages.Rss(source, links));
    }

    private async Task ArticleAsync(HttpContext context, string source, int number)
    {
        if (!_sources.TryGetValue(source, out var definition) || number < 1 || number > definition.Articles.Count)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (BeforeArticle is { } hook)
        {
            await hook(source, number);
        }
        await ServeAsync(context, definition.Articles[number - 1], $"article:{source}:{number}", "text/html; charset=utf-8",
            NewsPages.Article(source, number, definition.Category, definition.Aside));
    }

    private async Task ServeAsync(HttpContext context, Fault fault, string key, string contentType, string good)
    {
        var hit = _hits.AddOrUpdate(key, 1, (_, n) => n + 1);
        var response = context.Response;
        var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token).Token;
        if (fault is not Fault.None && !(fault is Fault.Error500Once or Fault.TooManyRequestsOnce && hit > 1))
        {
            _injected.AddOrUpdate(fault, 1, (_, n) => n + 1);
        }
        switch (fault)
        {
            case Fault.Always500:
            case Fault.Error500Once when hit == 1:
                response.StatusCode = StatusCodes.Status500InternalServerError;
                await response.WriteAsync("Internal Server Error", aborted);
                return;
            case Fault.TooManyRequestsOnce when hit == 1:
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                response.Headers.RetryAfter = "1";
                return;
            case Fault.Hang:
                try
                {
                    await Task.Delay(Timeout.Infinite, aborted);
                }
                catch (OperationCanceledException)
                {
                    // The client gave up (its timeout), or the site is stopping.
                }
                return;
            case Fault.Truncated:
            {
                var bytes = Encoding.UTF8.GetBytes(good);
                response.ContentType = contentType;
                response.ContentLength = bytes.Length + 10_000;
                await response.Body.WriteAsync(bytes.AsMemory(0, bytes.Length / 2), aborted);
                await response.Body.FlushAsync(aborted);
                // Long enough for the client to have read the headers: the cut then happens while it reads the body.
                await Task.Delay(200, aborted);
                context.Abort();
                return;
            }
            case Fault.Huge:
            case Fault.HugeDeclared:
                response.ContentType = contentType;
                if (fault == Fault.HugeDeclared)
                {
                    response.ContentLength = HugeBytes;
                }
                await WriteHugeAsync(response, aborted);
                return;
            case Fault.Garbage:
            {
                var bytes = new byte[64 * 1024];
                new Random(key.Length).NextBytes(bytes);
                response.ContentType = contentType;
                await response.Body.WriteAsync(bytes, aborted);
                return;
            }
            case Fault.RedirectLoop:
                response.Redirect(context.Request.Path + context.Request.QueryString);
                return;
            case Fault.Challenge:
                response.ContentType = "text/html; charset=utf-8";
                await response.WriteAsync(ChallengePage, aborted);
                return;
            case Fault.Empty:
                response.ContentType = contentType;
                return;
            default:
                response.ContentType = contentType;
                await response.WriteAsync(good, aborted);
                return;
        }
    }

    private static async Task WriteHugeAsync(HttpResponse response, CancellationToken cancellationToken)
    {
        var chunk = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("<p>remplissage sans fin </p>\n", 2048)));
        try
        {
            for (var sent = 0; sent < HugeBytes; sent += chunk.Length)
            {
                await response.Body.WriteAsync(chunk.AsMemory(0, Math.Min(chunk.Length, HugeBytes - sent)), cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // The client stopped reading at its size cap and closed the connection: that is the point.
        }
    }

    // What a Cloudflare-style interstitial looks like to a scraper: a title, a script and almost no text.
    private const string ChallengePage = """
        <!DOCTYPE html><html lang="en"><head><title>Just a moment...</title></head>
        <body><div id="cf-challenge"><h1>Checking your browser before accessing the site.</h1>
        <p>Enable JavaScript and cookies to continue.</p><script>window._cf_chl_opt={cvId:"3"};</script></div></body></html>
        """;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _site.DisposeAsync();
        _stopping.Dispose();
    }
}
