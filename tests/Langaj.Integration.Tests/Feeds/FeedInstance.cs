using System.Collections.Concurrent;
using System.Text;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Langaj.Core;
using Langaj.Core.Feeds;
using Langaj.Core.Sources;
using Langaj.Testing;
using Microsoft.Extensions.Configuration;

namespace Langaj.Integration.Tests.Feeds;

/// <summary>
/// One Functions-like instance: its own FeedService (and so its own in-memory copies) on the shared
/// Azurite, with every storage request it sends counted. Two instances with the same name prefix
/// share storage as two instances in Azure do.
/// </summary>
internal sealed class FeedInstance : IAsyncDisposable
{
    public static readonly SourceDefinition Alpha = Source("alpha", "Alpha Nouvelles");
    public static readonly SourceDefinition Beta = Source("beta", "Beta Info");

    private readonly ServiceProvider _services;

    private FeedInstance(ServiceProvider services, StorageCalls calls)
    {
        _services = services;
        Calls = calls;
    }

    public StorageCalls Calls { get; }
    public FeedService Feeds => _services.GetRequiredService<FeedService>();
    public ArticleStore Store => _services.GetRequiredService<ArticleStore>();
    public BlobServiceClient Blobs => _services.GetRequiredService<BlobServiceClient>();

    /// <param name="blobPolicy">A policy added to the instance's blob client, to act on chosen requests.</param>
    public static async Task<FeedInstance> StartAsync(AzuriteFixture azurite, string namePrefix, TimeProvider clock, HttpPipelinePolicy? blobPolicy = null)
    {
        var configuration = azurite.Configuration(namePrefix, extra:
        [
            new("Feeds:PublicBaseUrl", "https://feeds.example/"),
            new("Feeds:RevalidateAfter", "00:00:05"),
        ]);
        var calls = new StorageCalls();
        var builder = AreaBuilder.Create(configuration);
        builder.Services
            .AddSingleton(clock)
            // Registered before AddLangajStorage, which only adds clients that are missing.
            .AddSingleton(new BlobServiceClient(azurite.ConnectionString, Counted(new BlobClientOptions(), calls).WithPolicy(blobPolicy)))
            .AddSingleton(new TableServiceClient(azurite.ConnectionString, Counted(new TableClientOptions(), calls)))
            .AddSingleton(new ConfiguredSources([Alpha, Beta]))
            // The configured sources only, never read from a table: the storage calls counted are the feeds' own.
            .AddSingleton<SourceCatalog>()
            .Configure<SourcesOptions>(options => options.RevalidateAfter = TimeSpan.MaxValue);
        var services = builder.AddLangajStorage().AddLangajFeeds().Services.BuildServiceProvider();
        await services.GetRequiredService<ArticleStore>().EnsureCreatedAsync(default);
        await services.GetRequiredService<FeedService>().EnsureCreatedAsync(default);
        calls.Reset();
        return new FeedInstance(services, calls);
    }

    /// <summary>Stores an article as the scraper would (the store stamps FirstSeen and Updated from the clock).</summary>
    public Task<SaveOutcome> SaveAsync(Article article) =>
        Store.SaveAsync(article, new RawPage(Encoding.UTF8.GetBytes(article.Body.Html), "text/html; charset=utf-8", new Uri(article.Url), DateTimeOffset.UnixEpoch), default);

    public static Article Article(int n, SourceDefinition? source = null, string? category = "Politique", int version = 1)
    {
        var sourceId = (source ?? Alpha).Id;
        return new TestArticle("f" + n.ToString("D4", System.Globalization.CultureInfo.InvariantCulture), sourceId, $"https://{sourceId}.example/articles/{n}", $"Article {n} — « version {version} »")
        {
            Authors = ["Claire Dubois"],
            Published = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.Zero).AddHours(n),
            Category = category,
            Tags = ["actualité"],
            Image = $"https://{sourceId}.example/img/{n}.jpg",
            Summary = $"Résumé {n}.",
            Text = $"Texte {n}, version {version}.",
            Html = $"<p>Texte {n}, version {version}.</p>",
            ContentHash = $"h{n}-{version}",
        }.Build();
    }

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static SourceDefinition Source(string id, string name) => TestSources.Definition(id, DiscoveryKind.Feed, new Uri($"https://{id}.example/feed/"), name);

    private static T Counted<T>(T options, StorageCalls calls) where T : ClientOptions
    {
        // Per retry: every request that goes on the wire is counted, retries included.
        options.AddPolicy(calls, HttpPipelinePosition.PerRetry);
        return options;
    }
}

/// <summary>Counts the requests sent to storage, and keeps them to say which ones in a failure message.</summary>
internal sealed class StorageCalls : HttpPipelineSynchronousPolicy
{
    private readonly ConcurrentQueue<string> _requests = new();

    public IReadOnlyList<string> Requests => [.. _requests];

    public void Reset() => _requests.Clear();

    public override void OnSendingRequest(HttpMessage message) =>
        _requests.Enqueue($"{message.Request.Method} {message.Request.Uri.Path}{message.Request.Uri.Query}");

    public override string ToString() => $"{_requests.Count} storage calls: {string.Join("; ", _requests)}";
}

/// <summary>A clock the test moves by hand.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}

/// <summary>Runs a callback once, before the first request that matches is sent (a competing write, say).</summary>
internal sealed class BeforeFirstRequest(Func<Request, bool> match, Func<Task> callback) : HttpPipelinePolicy
{
    private int _ran;

    /// <summary>Whether a request matched and the callback ran.</summary>
    public bool Ran => Volatile.Read(ref _ran) == 1;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (match(message.Request) && Interlocked.Exchange(ref _ran, 1) == 0)
        {
            await callback();
        }
        await ProcessNextAsync(message, pipeline);
    }
}
