using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Azure.Storage.Blobs;
using Langaj.Core.Storage;
using Langaj.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Langaj.Core.Tests.Storage;

/// <summary>
/// When a held lease is renewed, on a fake clock against a loopback stand-in for blob storage's lease API: a renewal
/// is sent when the test moves time on, so the schedule is checked without waiting for it. That storage keeps the
/// lease while it is renewed, and frees it when it is not, is checked on Azurite (Langaj.Integration.Tests).
/// </summary>
/// <remarks>
/// The production default of 60 s, renewed every 20 s: longer than the deadline for a request to arrive, so a renewal
/// timed by any clock but the fake one fails the test instead of passing late.
/// </remarks>
public sealed class SourceLeaseRenewalTests : IAsyncDisposable
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Period = Duration / 3;

    /// <summary>How long a request the fake clock set off may take to reach storage (a deadline, not a timed assertion).</summary>
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly WatchedClock _time = new();
    private readonly Channel<(string Action, DateTimeOffset At)> _leaseRequests = Channel.CreateUnbounded<(string, DateTimeOffset)>();
    private readonly ConcurrentQueue<HttpStatusCode> _renewalAnswers = new();
    private LoopbackSite? _storage;

    [Fact]
    public async Task A_held_lease_is_renewed_every_third_of_its_duration_until_it_is_released()
    {
        var leases = await LeasesAsync();
        var start = _time.GetUtcNow();
        var held = await leases.TryAcquireAsync("lemonde", default);
        Assert.NotNull(held);
        Assert.Equal(("acquire", start), await NextLeaseRequestAsync());

        _time.Advance(Period - TimeSpan.FromTicks(1));
        _time.Advance(TimeSpan.FromTicks(1));
        Assert.Equal(("renew", start + Period), await NextLeaseRequestAsync());
        _time.Advance(Period);
        Assert.Equal(("renew", start + (2 * Period)), await NextLeaseRequestAsync());

        await held.DisposeAsync();
        Assert.Equal(("release", start + (2 * Period)), await NextLeaseRequestAsync());
        Assert.True(_time.TimerDisposed.IsCompleted);
        _time.Advance(Duration);
        Assert.False(_leaseRequests.Reader.TryRead(out _));
    }

    [Fact]
    public async Task A_renewal_storage_fails_is_tried_again_at_the_next_tick()
    {
        var leases = await LeasesAsync();
        _renewalAnswers.Enqueue(HttpStatusCode.InternalServerError);
        await using var held = await leases.TryAcquireAsync("lemonde", default);
        Assert.Equal("acquire", (await NextLeaseRequestAsync()).Action);

        _time.Advance(Period);
        Assert.Equal("renew", (await NextLeaseRequestAsync()).Action);
        _time.Advance(Period);
        Assert.Equal("renew", (await NextLeaseRequestAsync()).Action);
    }

    [Fact]
    public async Task A_lease_storage_says_another_holder_has_is_renewed_no_more()
    {
        var leases = await LeasesAsync();
        _renewalAnswers.Enqueue(HttpStatusCode.Conflict);
        var held = await leases.TryAcquireAsync("lemonde", default);
        Assert.NotNull(held);
        Assert.Equal("acquire", (await NextLeaseRequestAsync()).Action);

        _time.Advance(Period);
        Assert.Equal("renew", (await NextLeaseRequestAsync()).Action);

        // The renewal timer is gone while the lease is still held: nothing is left to renew it.
        await _time.TimerDisposed.WaitAsync(Deadline);
        _time.Advance(Duration);
        await held.DisposeAsync();
        // Released all the same (storage refuses, and the lease expires on its own).
        Assert.Equal("release", (await NextLeaseRequestAsync()).Action);
    }

    public async ValueTask DisposeAsync()
    {
        if (_storage is not null)
        {
            await _storage.DisposeAsync();
        }
    }

    private async Task<SourceLeases> LeasesAsync()
    {
        _storage = await LoopbackSite.StartAsync(app => app.MapPut("/{**blob}", Answer));
        // No retries: the SDK's backoff runs on the real clock, and a renewal's failure is what the tests look at.
        var blobs = new BlobServiceClient(_storage.Url("devstoreaccount1"), new BlobClientOptions { Retry = { MaxRetries = 0 } });
        return new SourceLeases(blobs, Options.Create(new StorageOptions { LeaseDuration = Duration }), _time, NullLogger<SourceLeases>.Instance);
    }

    /// <summary>The part of blob storage's API a lease uses: put the empty blob, then acquire, renew and release its lease.</summary>
    private IResult Answer(HttpContext context)
    {
        context.Response.Headers.ETag = "\"0x1\"";
        context.Response.Headers.LastModified = "Sat, 01 Jan 2000 00:00:00 GMT";
        if (context.Request.Query["comp"] != "lease")
        {
            return Results.StatusCode(StatusCodes.Status201Created);
        }
        var action = context.Request.Headers["x-ms-lease-action"].ToString();
        _leaseRequests.Writer.TryWrite((action, _time.GetUtcNow()));
        context.Response.Headers["x-ms-lease-id"] = "7d3e7a3c-0000-4000-8000-000000000000";
        return action switch
        {
            "acquire" => Results.StatusCode(StatusCodes.Status201Created),
            "renew" when _renewalAnswers.TryDequeue(out var answer) => Results.StatusCode((int)answer),
            _ => Results.Ok(),
        };
    }

    /// <summary>The next lease request storage receives, and the fake time it came at.</summary>
    private async Task<(string Action, DateTimeOffset At)> NextLeaseRequestAsync() =>
        await _leaseRequests.Reader.ReadAsync().AsTask().WaitAsync(Deadline);

    /// <summary>A fake clock that says when the timer made on it is disposed: how a test sees the renewal loop end.</summary>
    private sealed class WatchedClock : FakeTimeProvider
    {
        private readonly TaskCompletionSource _timerDisposed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task TimerDisposed => _timerDisposed.Task;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), _timerDisposed);

        private sealed class WatchedTimer(ITimer timer, TaskCompletionSource disposed) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);

            public void Dispose()
            {
                timer.Dispose();
                disposed.TrySetResult();
            }

            public async ValueTask DisposeAsync()
            {
                await timer.DisposeAsync();
                disposed.TrySetResult();
            }
        }
    }
}
