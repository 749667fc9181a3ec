namespace Langaj.Core.Storage;

/// <summary>
/// Whether Langaj's containers, tables and queues exist yet, and if not, why: what <c>/api/health</c> and the
/// Functions app's answers say while <see cref="StorageSetup"/> is still retrying.
/// </summary>
public sealed class StorageReadiness(TimeProvider time)
{
    private volatile State _state = new(false, "Storage not set up yet: the first attempt is running", null);

    public bool IsReady => _state.Ready;

    /// <summary>Why storage is not ready, in one line; null once it is.</summary>
    public string? Cause => _state.Ready ? null : _state.Cause;

    /// <summary>When asking again may succeed: the next setup attempt (at least a second away).</summary>
    public TimeSpan RetryAfter =>
        _state.NextAttempt is { } next && next - time.GetUtcNow() is var wait && wait > TimeSpan.FromSeconds(1) ? wait : TimeSpan.FromSeconds(1);

    internal void Ready() => _state = new(true, null, null);

    internal void Failed(Exception e, DateTimeOffset nextAttempt) => _state = new(false, "Storage not set up yet: " + StorageFailure.Describe(e), nextAttempt);

    private sealed record State(bool Ready, string? Cause, DateTimeOffset? NextAttempt);
}
