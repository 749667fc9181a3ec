#:project ../../src/Langaj.Core/Langaj.Core.csproj
// A file-based app defaults to native AOT, which turns off the reflection-based JSON the Azure SDK uses.
#:property PublishAot=false

// Seeds articles into storage and measures feed rendering, for bench/feeds/run.sh (a measurement, not a test).
//   dotnet run FeedBench.cs -- seed FROM TO    stores articles FROM..TO-1 of source "bench" and publishes its feeds
//   dotnet run FeedBench.cs -- measure         times a feed render from what is stored (median of 21 after 5 warm-ups)
// Storage and names come from the environment as for the hosts: ConnectionStrings__Storage, Storage__NamePrefix.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Langaj.Core;
using Langaj.Core.Feeds;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var source = new SourceDefinition
{
    Id = "bench",
    Name = "Bench Nouvelles",
    Language = "fr",
    Discovery = DiscoveryKind.Feed,
    DiscoveryUrl = new Uri("http://127.0.0.1:1/feed.xml"),
    AllowPrivateAddresses = true,
};
string[] categories = ["Politique", "Économie", "International", "Culture", "Sport", "Sciences", "Société", "Planète", "Idées", "Santé"];
await using var services = Services();

switch (args)
{
    case ["seed", var from, var to]:
    {
        var watch = Stopwatch.StartNew();
        await SeedAsync(int.Parse(from, CultureInfo.InvariantCulture), int.Parse(to, CultureInfo.InvariantCulture));
        Console.WriteLine($"stored articles {from} to {to} in {watch.Elapsed.TotalSeconds:F1} s");
        return 0;
    }
    case ["measure", var stored]:
    {
        var feeds = services.GetRequiredService<FeedService>();
        var store = services.GetRequiredService<ArticleStore>();
        // A limit other than the default takes the on-demand path (list from the store, then render),
        // which is what a refresh does for each feed; 21 is about a default page.
        var query = new ArticleQuery(null, "bench", 21, null);
        var endToEnd = await MedianAsync(async () => await feeds.GetAsync(FeedFormat.Rss, query, default));
        var page = await store.ListAsync(query, includeContent: true, default);
        var document = new FeedDocument
        {
            Id = "urn:langaj:feed:bench",
            Title = source.Name,
            SelfUrl = new Uri("http://127.0.0.1/api/feeds/rss"),
            HomeUrl = new Uri("http://127.0.0.1/"),
            Publisher = source.Name,
            Updated = page.Items.Max(a => a.Updated),
            Items = page.Items,
        };
        var renderOnly = await MedianAsync(() => Task.FromResult(RssFeedWriter.Write(document)));
        Console.WriteLine($"{stored,8} stored: page of {page.Items.Count} from the store and rendered {endToEnd,7:F2} ms, rendered only {renderOnly,6:F2} ms ({RssFeedWriter.Write(document).Length} bytes)");
        return 0;
    }
    default:
        Console.Error.WriteLine("usage: dotnet run FeedBench.cs -- seed FROM TO | measure STORED");
        return 2;
}

ServiceProvider Services()
{
    var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
    builder.Configuration.AddEnvironmentVariables();
    builder.Services
        .AddSingleton(TimeProvider.System)
        .AddSingleton(new ConfiguredSources([source]))
        .AddSingleton<SourceCatalog>();
    return builder.AddLangajStorage().AddLangajFeeds().Services.BuildServiceProvider();
}

async Task SeedAsync(int from, int to)
{
    var store = services.GetRequiredService<ArticleStore>();
    var feeds = services.GetRequiredService<FeedService>();
    await store.EnsureCreatedAsync(default);
    await feeds.EnsureCreatedAsync(default);
    var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    await Parallel.ForEachAsync(Enumerable.Range(from, to - from), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (n, ct) =>
    {
        var article = Article(n, start.AddMinutes(17 * n), categories[n % categories.Length]);
        await store.SaveAsync(article, new RawPage(Encoding.UTF8.GetBytes(article.Body.Html), "text/html; charset=utf-8", new Uri(article.Url), start), ct);
    });
    await feeds.RefreshAsync([source.Id], categories, default);
}

static Article Article(int n, DateTimeOffset published, string category)
{
    // About 4 KB of HTML, the size of a short news article.
    var paragraphs = Enumerable.Range(1, 8).Select(p =>
        $"Paragraphe {p} de l'article {n} : le conseil a débattu des « orientations » budgétaires, des investissements et de l'école, avec des chiffres précis et des citations des élus de la majorité comme de l'opposition.");
    return new Article
    {
        Id = "b" + n.ToString("D6", CultureInfo.InvariantCulture),
        SourceId = "bench",
        Url = $"https://bench.example/articles/{n}",
        Metadata = new()
        {
            Title = $"Article {n} : le budget municipal en débat",
            Authors = ["Claire Dubois"],
            Published = published,
            Category = category,
            Tags = ["budget", "conseil municipal"],
            Image = $"https://bench.example/img/{n}.jpg",
            Language = "fr",
            Summary = $"Résumé de l'article {n}, en une phrase qui dit l'essentiel.",
        },
        Body = new(string.Join("\n\n", paragraphs), string.Concat(paragraphs.Select(p => $"<p>{p}</p>"))),
        FirstSeen = published,
        Updated = published,
        ContentHash = "bench" + n.ToString(CultureInfo.InvariantCulture),
    };
}

static async Task<double> MedianAsync(Func<Task> run)
{
    for (var i = 0; i < 5; i++)
    {
        await run();
    }
    var times = new List<double>();
    for (var i = 0; i < 21; i++)
    {
        var watch = Stopwatch.StartNew();
        await run();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    return times[times.Count / 2];
}
