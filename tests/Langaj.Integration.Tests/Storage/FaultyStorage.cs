using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Langaj.Testing;

namespace Langaj.Integration.Tests.Storage;

/// <summary>Langaj's storage services over Azurite, with a policy (a crash, say) on every blob and table request they send.</summary>
internal static class FaultyStorage
{
    public static ServiceProvider Services(AzuriteFixture azurite, string namePrefix, HttpPipelinePolicy policy)
    {
        var builder = AreaBuilder.Create(azurite.Configuration(namePrefix));
        builder.Services
            .AddSingleton(TimeProvider.System)
            // Registered before AddLangajStorage, which only adds clients that are missing: the store's requests pass the policy.
            .AddSingleton(new BlobServiceClient(azurite.ConnectionString, new BlobClientOptions().WithPolicy(policy)))
            .AddSingleton(new TableServiceClient(azurite.ConnectionString, new TableClientOptions().WithPolicy(policy)));
        return builder.AddLangajStorage().Services.BuildServiceProvider();
    }

    /// <summary>The client options with <paramref name="policy"/> run once per call (none: the options as they are).</summary>
    public static T WithPolicy<T>(this T options, HttpPipelinePolicy? policy) where T : ClientOptions
    {
        if (policy is not null)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerCall);
        }
        return options;
    }
}
