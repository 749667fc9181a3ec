using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Langaj.Integration.Tests.Storage;

/// <summary>
/// Leases with the shortest duration storage allows (15 s), so that expiry can be observed. Storage keeps time on
/// its own clock, so these tests wait for it; when renewals are sent is tested on a fake clock (SourceLeaseRenewalTests
/// in Langaj.Core.Tests). Its own emulator (class fixture) lets these slow tests run in parallel with the rest.
/// </summary>
public sealed class SourceLeasesTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);
    private static readonly KeyValuePair<string, string?>[] ShortLeases = [new("Storage:LeaseDuration", "00:00:15")];

    [Fact]
    public async Task One_holder_per_source_until_released()
    {
        await using var services = await azurite.StorageAsync(extra: ShortLeases);
        var leases = services.GetRequiredService<SourceLeases>();
        // A second instance of the app: its own SourceLeases on the same storage.
        var otherInstance = new SourceLeases(
            services.GetRequiredService<BlobServiceClient>(),
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>(),
            TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<SourceLeases>.Instance);

        var held = await leases.TryAcquireAsync("lemonde", default);
        Assert.NotNull(held);
        Assert.Null(await otherInstance.TryAcquireAsync("lemonde", default));
        var other = await otherInstance.TryAcquireAsync("liberation", default);
        Assert.NotNull(other);

        await held.DisposeAsync();
        var next = await otherInstance.TryAcquireAsync("lemonde", default);
        Assert.NotNull(next);
        await next.DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task A_held_lease_is_renewed_past_its_duration()
    {
        await using var services = await azurite.StorageAsync(extra: ShortLeases);
        var leases = services.GetRequiredService<SourceLeases>();
        await using var held = await leases.TryAcquireAsync("lemonde", default);
        Assert.NotNull(held);

        await Task.Delay(Duration + Duration / 2);

        Assert.Null(await leases.TryAcquireAsync("lemonde", default));
    }

    [Fact]
    public async Task A_lease_whose_holder_died_is_recovered_when_it_expires()
    {
        await using var services = await azurite.StorageAsync(extra: ShortLeases);
        var leases = services.GetRequiredService<SourceLeases>();
        var first = await leases.TryAcquireAsync("lemonde", default);
        Assert.NotNull(first);
        await first.DisposeAsync();
        // A holder that took the lease and died: nobody renews or releases it.
        var container = services.GetRequiredService<BlobServiceClient>().GetBlobContainerClient(
            services.GetRequiredService<Microsoft.Extensions.Options.IOptions<StorageOptions>>().Value.Name("leases"));
        await container.GetBlobClient("lemonde").GetBlobLeaseClient().AcquireAsync(Duration);
        Assert.Null(await leases.TryAcquireAsync("lemonde", default));

        IAsyncDisposable? recovered = null;
        for (var attempt = 0; attempt < 60 && recovered is null; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            recovered = await leases.TryAcquireAsync("lemonde", default);
        }

        Assert.NotNull(recovered);
        await recovered.DisposeAsync();
    }
}
