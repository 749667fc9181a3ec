using Azure;
using Azure.Core;
using Azure.Storage.Blobs;

namespace Langaj.Integration.Tests.Storage;

[Collection(AzuriteFixture.Collection)]
public sealed class AzuriteEmulatorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Shared_emulator_serves_blobs_through_its_connection_string()
    {
        var container = new BlobContainerClient(azurite.ConnectionString, AzuriteFixture.NewNamePrefix() + "c");
        await container.CreateAsync();
        await container.UploadBlobAsync("a.txt", BinaryData.FromString("bonjour"));

        var content = await container.GetBlobClient("a.txt").DownloadContentAsync();

        Assert.Equal("bonjour", content.Value.Content.ToString());
    }

    [Fact]
    public async Task Restart_keeps_ports_and_data_and_storage_is_unreachable_while_stopped()
    {
        var emulator = await azurite.StartDedicatedAsync();
        var options = new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(5) } };
        var container = new BlobContainerClient(emulator.ConnectionString, "restart", options);
        await container.CreateAsync();
        await container.UploadBlobAsync("kept.txt", BinaryData.FromString("gardé"));
        var connectionString = emulator.ConnectionString;

        await emulator.StopAsync();
        Assert.False(emulator.IsRunning);
        await Assert.ThrowsAsync<RequestFailedException>(() => container.GetBlobClient("kept.txt").DownloadContentAsync());

        await emulator.StartAsync();
        Assert.Equal(connectionString, emulator.ConnectionString);
        var content = await container.GetBlobClient("kept.txt").DownloadContentAsync();
        Assert.Equal("gardé", content.Value.Content.ToString());
        await emulator.DisposeAsync();
    }
}
