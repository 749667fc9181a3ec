using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Storage;

public static class StorageExtensions
{
    /// <summary>
    /// Registers the storage clients (blob, table, queue) and Langaj's stores as singletons, configured as
    /// <see cref="StorageOptions"/> describes: <c>ConnectionStrings:Storage</c> (default <c>UseDevelopmentStorage=true</c>),
    /// or <c>Storage:BlobServiceUri</c> / <c>Storage:TableServiceUri</c> / <c>Storage:QueueServiceUri</c> with
    /// <c>DefaultAzureCredential</c> (<c>Storage:ClientId</c> for a user-assigned identity), and <c>Storage:NamePrefix</c>.
    /// </summary>
    public static IHostApplicationBuilder AddLangajStorage(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .Configure<IConfiguration>((options, configuration) => options.ConnectionString =
                configuration.GetConnectionString(StorageOptions.ConnectionStringName) is { Length: > 0 } connectionString
                    ? connectionString
                    : StorageOptions.DevelopmentConnectionString)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        // One credential for the three clients: they ask for the same storage token.
        services.TryAddSingleton(provider => new StorageCredential(
            new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = Options(provider).ClientId })));
        services.TryAddSingleton(provider =>
        {
            var options = Options(provider);
            var clientOptions = Configure(new BlobClientOptions(), options);
            return options.UsesIdentity
                ? new BlobServiceClient(options.BlobServiceUri, Credential(provider), clientOptions)
                : new BlobServiceClient(options.ConnectionString, clientOptions);
        });
        services.TryAddSingleton(provider =>
        {
            var options = Options(provider);
            var clientOptions = Configure(new TableClientOptions(), options);
            return options.UsesIdentity
                ? new TableServiceClient(options.TableServiceUri, Credential(provider), clientOptions)
                : new TableServiceClient(options.ConnectionString, clientOptions);
        });
        services.TryAddSingleton(provider =>
        {
            var options = Options(provider);
            // Base64, because that is what the Functions queue trigger expects by default.
            var clientOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 }, options);
            return options.UsesIdentity
                ? new QueueServiceClient(options.QueueServiceUri, Credential(provider), clientOptions)
                : new QueueServiceClient(options.ConnectionString, clientOptions);
        });
        services.TryAddSingleton<ArticleStore>();
        services.TryAddSingleton<SourceStateStore>();
        services.TryAddSingleton<SourceLeases>();
        services.AddSingleton<StorageReadiness>();
        return builder;
    }

    private static StorageOptions Options(IServiceProvider provider) => provider.GetRequiredService<IOptions<StorageOptions>>().Value;

    private static TokenCredential Credential(IServiceProvider provider) => provider.GetRequiredService<StorageCredential>().Value;

    private sealed record StorageCredential(TokenCredential Value);

    private static T Configure<T>(T clientOptions, StorageOptions options) where T : ClientOptions
    {
        clientOptions.Retry.Mode = RetryMode.Exponential;
        clientOptions.Retry.MaxRetries = options.MaxRetries;
        clientOptions.Retry.Delay = TimeSpan.FromMilliseconds(500);
        clientOptions.Retry.MaxDelay = TimeSpan.FromSeconds(4);
        clientOptions.Retry.NetworkTimeout = options.NetworkTimeout;
        clientOptions.AddPolicy(new SurfaceRequestFailedPolicy(), HttpPipelinePosition.PerCall);
        return clientOptions;
    }

    /// <summary>
    /// When every retry fails without a response (storage unreachable), Azure.Core throws an
    /// <see cref="AggregateException"/>; callers (the API's 503, health) expect a <see cref="RequestFailedException"/>,
    /// so the last one is rethrown with the attempt count in its message.
    /// </summary>
    private sealed class SurfaceRequestFailedPolicy : HttpPipelinePolicy
    {
        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                ProcessNext(message, pipeline);
            }
            catch (AggregateException e) when (Last(e) is { } last)
            {
                throw Surface(message, e, last);
            }
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            try
            {
                await ProcessNextAsync(message, pipeline);
            }
            catch (AggregateException e) when (Last(e) is { } last)
            {
                throw Surface(message, e, last);
            }
        }

        private static RequestFailedException? Last(AggregateException e) => e.InnerExceptions.OfType<RequestFailedException>().LastOrDefault();

        private static RequestFailedException Surface(HttpMessage message, AggregateException e, RequestFailedException last) =>
            new(last.Status, $"Storage unreachable at {message.Request.Uri.Host}:{message.Request.Uri.Port} after {e.InnerExceptions.Count} attempts: {last.Message}", last.ErrorCode, e);
    }
}
