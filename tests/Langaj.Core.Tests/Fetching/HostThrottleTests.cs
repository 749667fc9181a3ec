using Langaj.Core.Fetching;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Langaj.Core.Tests.Fetching;

/// <summary>
/// The per-host politeness PageFetcher enters before each request, on a fake clock: a turn that must wait is
/// still pending until the test moves time on, so spacing and concurrency are checked without measuring time.
/// </summary>
public sealed class HostThrottleTests
{
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider _time = new();

    private HostThrottle Throttle(int perHostConcurrency) =>
        new(Options.Create(new FetchOptions { PerHostConcurrency = perHostConcurrency }), _time);

    [Fact]
    public async Task Request_starts_to_one_host_are_spaced_by_the_minimum_delay()
    {
        var throttle = Throttle(perHostConcurrency: 3);

        using var first = await throttle.EnterAsync("example.org", Spacing, default);
        var second = throttle.EnterAsync("example.org", Spacing, default);
        var third = throttle.EnterAsync("example.org", Spacing, default);
        Assert.False(second.IsCompleted);

        _time.Advance(Spacing - TimeSpan.FromTicks(1));
        Assert.False(second.IsCompleted);
        _time.Advance(TimeSpan.FromTicks(1));
        (await second).Dispose();
        Assert.False(third.IsCompleted);

        _time.Advance(Spacing);
        (await third).Dispose();
    }

    [Fact]
    public async Task Another_host_is_not_held_back_by_a_host_s_delay()
    {
        var throttle = Throttle(perHostConcurrency: 2);

        using var first = await throttle.EnterAsync("example.org", Spacing, default);
        var sameHost = throttle.EnterAsync("example.org", Spacing, default);
        var otherHost = throttle.EnterAsync("example.net", Spacing, default);

        Assert.True(otherHost.IsCompletedSuccessfully);
        Assert.False(sameHost.IsCompleted);
        (await otherHost).Dispose();
        _time.Advance(Spacing);
        (await sameHost).Dispose();
    }

    [Fact]
    public async Task At_most_the_configured_number_of_requests_run_at_once_per_host()
    {
        var throttle = Throttle(perHostConcurrency: 2);

        var first = await throttle.EnterAsync("example.org", TimeSpan.Zero, default);
        using var second = await throttle.EnterAsync("example.org", TimeSpan.Zero, default);
        var third = throttle.EnterAsync("example.org", TimeSpan.Zero, default);
        Assert.False(third.IsCompleted);

        first.Dispose();
        (await third).Dispose();
    }
}
