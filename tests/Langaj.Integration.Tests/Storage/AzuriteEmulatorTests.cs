using Azure;
using Azure.Core;
using Azure.Storage.Blobs;
using Langaj.Cli.Hosting;

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
    public async Task Free_ports_stay_reserved_while_stopped_so_no_other_emulator_takes_them_and_are_given_up_on_dispose()
    {
        var emulator = await azurite.StartDedicatedAsync();
        int[] ports = [emulator.BlobPort, emulator.QueuePort, emulator.TablePort];

        await emulator.StopAsync();
        Assert.All(ports, port => Assert.Null(PortReservation.TryTake(port)));

        await emulator.DisposeAsync();
        foreach (var port in ports)
        {
            using var reservation = PortReservation.TryTake(port);
            Assert.NotNull(reservation);
        }
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
