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
    private const string Host = "example.org";
    private static readonly TimeSpan Spacing = TimeSpan.FromMilliseconds(500);

    private readonly FakeTimeProvider _time = new();

    /// <summary>Asks for turns on one throttle on the fake clock, each request start spaced by <paramref name="spacing"/> from the last.</summary>
    private Func<string, Task<IDisposable>> Turns(int perHostConcurrency, TimeSpan spacing)
    {
        var throttle = new HostThrottle(Options.Create(new FetchOptions { PerHostConcurrency = perHostConcurrency }), _time);
        return host => throttle.EnterAsync(host, spacing, default);
    }

    [Fact]
    public async Task Request_starts_to_one_host_are_spaced_by_the_minimum_delay()
    {
        var turn = Turns(perHostConcurrency: 3, Spacing);

        using var first = await turn(Host);
        var second = turn(Host);
        var third = turn(Host);
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
        var turn = Turns(perHostConcurrency: 2, Spacing);

        using var first = await turn(Host);
        var sameHost = turn(Host);
        var otherHost = turn("example.net");

        Assert.True(otherHost.IsCompletedSuccessfully);
        Assert.False(sameHost.IsCompleted);
        (await otherHost).Dispose();
        _time.Advance(Spacing);
        (await sameHost).Dispose();
    }

    [Fact]
    public async Task At_most_the_configured_number_of_requests_run_at_once_per_host()
    {
        var turn = Turns(perHostConcurrency: 2, TimeSpan.Zero);

        var first = await turn(Host);
        using var second = await turn(Host);
        var third = turn(Host);
        Assert.False(third.IsCompleted);

        first.Dispose();
        (await third).Dispose();
    }
}
