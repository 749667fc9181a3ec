using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Langaj.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Langaj.Integration.Tests.Storage;

/// <summary>The configuration keys the hosts and the infrastructure share (no storage is contacted here).</summary>
public sealed class StorageConfigurationTests
{
    [Fact]
    public void Without_settings_the_clients_use_development_storage()
    {
        using var services = Services([]);

        Assert.Equal(StorageOptions.DevelopmentConnectionString, services.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString);
        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal("devstoreaccount1", services.GetRequiredService<TableServiceClient>().AccountName);
    }

    [Fact]
    public void Identity_settings_select_the_service_endpoints()
    {
        using var services = Services(new()
        {
            ["ConnectionStrings:Storage"] = "UseDevelopmentStorage=true",
            ["Storage:BlobServiceUri"] = "https://langajst.blob.core.windows.net",
            ["Storage:TableServiceUri"] = "https://langajst.table.core.windows.net",
            ["Storage:QueueServiceUri"] = "https://langajst.queue.core.windows.net",
            ["Storage:ClientId"] = "00000000-0000-0000-0000-000000000001",
        });

        Assert.Equal(new Uri("https://langajst.blob.core.windows.net"), services.GetRequiredService<BlobServiceClient>().Uri);
        Assert.Equal(new Uri("https://langajst.table.core.windows.net"), services.GetRequiredService<TableServiceClient>().Uri);
        Assert.Equal(new Uri("https://langajst.queue.core.windows.net"), services.GetRequiredService<QueueServiceClient>().Uri);
    }

    [Fact]
    public void A_blob_endpoint_without_the_others_is_a_clear_error()
    {
        using var services = Services(new() { ["Storage:BlobServiceUri"] = "https://langajst.blob.core.windows.net" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<TableServiceClient>());
        Assert.Contains("Storage:TableServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Tests")]
    [InlineData("1abc")]
    [InlineData("a-b")]
    public void A_name_prefix_tables_cannot_carry_is_a_clear_error(string prefix)
    {
        using var services = Services(new() { ["Storage:NamePrefix"] = prefix });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<ArticleStore>());
        Assert.Contains("Storage:NamePrefix", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_prefix_goes_in_front_of_every_name()
    {
        using var services = Services(new() { ["Storage:NamePrefix"] = "t42" });
        var options = services.GetRequiredService<IOptions<StorageOptions>>().Value;

        Assert.Equal("t42articles", options.Name("articles"));
        Assert.Equal("t42articles", services.GetRequiredService<ArticleStore>().Table.Name);
    }

    private static ServiceProvider Services(Dictionary<string, string?> settings)
    {
        var builder = AreaBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        builder.Services.AddSingleton(TimeProvider.System);
        return builder.AddLangajStorage().Services.BuildServiceProvider();
    }
}
