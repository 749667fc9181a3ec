using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Fetching;

/// <summary>
/// Per-host politeness: at most <see cref="FetchOptions.PerHostConcurrency"/> requests in flight to a host,
/// and request starts spaced by at least the host's delay.
/// </summary>
public sealed class HostThrottle(IOptions<FetchOptions> options, TimeProvider time)
{
    private sealed class HostSlot(int concurrency)
    {
        public SemaphoreSlim InFlight { get; } = new(concurrency, concurrency);
        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;
    }

    private readonly ConcurrentDictionary<string, HostSlot> _hosts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a turn on <paramref name="host"/>; dispose the result when the request is over.</summary>
    public async Task<IDisposable> EnterAsync(string host, TimeSpan minDelay, CancellationToken ct)
    {
        var slot = _hosts.GetOrAdd(host, _ => new HostSlot(Math.Max(1, options.Value.PerHostConcurrency)));
        await slot.InFlight.WaitAsync(ct);
        try
        {
            TimeSpan wait;
            lock (slot)
            {
                // Reserve the next start time under the lock so concurrent callers queue one delay apart.
                var now = time.GetUtcNow();
                var start = slot.NextStart > now ? slot.NextStart : now;
                slot.NextStart = start + minDelay;
                wait = start - now;
            }
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }
            return new Turn(slot.InFlight);
        }
        catch
        {
            slot.InFlight.Release();
            throw;
        }
    }

    private sealed class Turn(SemaphoreSlim inFlight) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                inFlight.Release();
            }
        }
    }
}
