using Langaj.Core.Api;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Langaj.Functions;

/// <summary>The article list and single articles, anonymous.</summary>
public sealed class ArticleFunctions(ArticleStore store, SourceCatalog catalog)
{
    [Function("Articles")]
    public async Task<IResult> Articles(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "articles")] HttpRequest request,
        CancellationToken cancellationToken) =>
        await LangajApi.ListArticles(request, store, catalog, cancellationToken);

    [Function("Article")]
    public async Task<IResult> Article(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", "options", Route = "articles/{id}")] HttpRequest request,
        string id,
        CancellationToken cancellationToken) =>
        await LangajApi.GetArticle(id, store, cancellationToken);
}
