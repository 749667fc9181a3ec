using System.Text.Json.Nodes;
using Langaj.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.OpenApi;

namespace Langaj.Core.Api;

/// <summary>
/// The OpenAPI 3.1 description of the API, at <c>/api/openapi.json</c>. Microsoft.AspNetCore.OpenApi generates
/// it from the endpoint metadata of the routes <see cref="LangajApi"/> maps (their names, summaries,
/// <c>Produces</c>, and the transformers here). The generated text ships inside Langaj.Core as
/// <c>Api/openapi.json</c>, so that the Functions app, whose functions carry no such metadata, serves the very
/// same bytes as the local host; a test regenerates it from the local host's endpoints and fails on any difference.
/// </summary>
public static class ApiDocument
{
    /// <summary>The document's name for <see cref="IOpenApiDocumentProvider"/> (a keyed service).</summary>
    public const string Name = "langaj";

    public const string ContentType = "application/json; charset=utf-8";

    /// <summary>The security scheme of the operator endpoints: the key Azure Functions checks, sent as a header.</summary>
    public const string OperatorKeyScheme = "operatorKey";

    /// <summary>The shipped document, as both hosts serve it.</summary>
    public static ShippedFile File { get; } = ShippedFile.Load("openapi.json", ContentType);

    // The groups LangajApi tags its routes with (WithTags), as the document explains them.
    private static readonly Dictionary<string, string> TagDescriptions = new(StringComparer.Ordinal)
    {
        ["Feeds"] = "Feeds for readers: RSS, Atom, JSON Feed, the OPML list of them all, and the stylesheet browsers show feeds with.",
        ["Articles"] = "The articles as JSON, for apps.",
        ["Service"] = "The home page, health, and this document.",
        ["Operator"] = "What operators do by hand; every operation needs the operator key.",
    };

    /// <summary>Generates the document from the endpoints a host maps: the local host's, which the shipped file is compared with.</summary>
    public static IHostApplicationBuilder AddLangajApiDocument(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(Name, options =>
        {
            options.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1;
            // HEAD and OPTIONS (PublicReads) answer on every read route as GET does without a body, and as
            // CORS wants: describing them per route would repeat each operation twice.
            options.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true && d.HttpMethod is not ("HEAD" or "OPTIONS");
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Langaj",
                    Version = "1",
                    Description = "News sites in, clean feeds and an article API out. Every GET route also answers HEAD, "
                        + "and OPTIONS with CORS headers (anonymous reads only); answers carry a strong ETag and "
                        + "Cache-Control, come as 304 to a matching If-None-Match, and in gzip or Brotli by Accept-Encoding.",
                    License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
                };
                // Paths are absolute from the host's root; without this the generator names the address it listens on.
                document.Servers = [new OpenApiServer { Url = "/", Description = "The host serving this document" }];
                foreach (var tag in document.Tags ?? Enumerable.Empty<OpenApiTag>())
                {
                    tag.Description = TagDescriptions.GetValueOrDefault(tag.Name ?? "");
                }
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    [OperatorKeyScheme] = new OpenApiSecurityScheme
                    {
                        Type = SecuritySchemeType.ApiKey,
                        In = ParameterLocation.Header,
                        Name = OperatorKeyFilter.Header,
                        Description = "The operator key: a function key in Azure, Operator:Key on the local host.",
                    },
                };
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                // Anonymous unless the route asked for the operator key (RequireOperatorKey).
                operation.Security = context.Description.ActionDescriptor.EndpointMetadata.OfType<OperatorKeyRequired>().Any()
                    ? [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(OperatorKeyScheme, context.Document)] = [] }]
                    : [];
                return Task.CompletedTask;
            });
        });
        return builder;
    }

    /// <summary>Declares the listing parameters that <see cref="ListingQuery"/> reads from the query string.</summary>
    public static RouteHandlerBuilder WithListingParameters(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Token("category", "Only articles in this category (as the article JSON's categories name it)."));
            operation.Parameters.Add(Token("source", "Only articles of this source id.", plain: true));
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "limit",
                In = ParameterLocation.Query,
                Description = $"Articles per page (default {ArticleQuery.DefaultLimit}).",
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Minimum = "1",
                    Maximum = ListingQuery.MaxLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Default = JsonValue.Create(ArticleQuery.DefaultLimit),
                },
            });
            operation.Parameters.Add(Token("cursor", "The next page: the value of 'next' in the page before.", plain: true));
            return Task.CompletedTask;
        });

    private static OpenApiParameter Token(string name, string description, bool plain = false) => new()
    {
        Name = name,
        In = ParameterLocation.Query,
        Description = description,
        Schema = new OpenApiSchema
        {
            Type = JsonSchemaType.String,
            MinLength = 1,
            MaxLength = ListingQuery.MaxValueLength,
            Pattern = plain ? "^[A-Za-z0-9_-]+$" : null,
        },
    };
}
