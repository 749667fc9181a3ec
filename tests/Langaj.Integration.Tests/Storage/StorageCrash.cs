using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace Langaj.Integration.Tests.Storage;

/// <summary>
/// Storage as a process sees it that dies at a chosen request: added to the options of the test's storage clients,
/// it lets requests through until one matches <see cref="Arm"/>'s point, then fails that one (before it is sent, or
/// once storage has answered it) and every request after it, as unreachable storage fails them.
/// </summary>
internal sealed class StorageCrash : HttpPipelinePolicy
{
    private CrashPoint? _point;
    private int _crashed;

    /// <summary>Whether the armed point was reached.</summary>
    public bool Crashed => Volatile.Read(ref _crashed) == 1;

    public void Arm(CrashPoint point)
    {
        _point = point;
        Volatile.Write(ref _crashed, 0);
    }

    /// <summary>Storage reachable again, as for the next process.</summary>
    public void Disarm() => _point = null;

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
        ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var point = _point;
        if (point is null)
        {
            await ProcessNextAsync(message, pipeline);
            return;
        }
        if (Crashed)
        {
            throw Unreachable(message.Request);
        }
        var reached = point.Matches(message.Request);
        if (reached && !point.AfterResponse)
        {
            Volatile.Write(ref _crashed, 1);
            throw Unreachable(message.Request);
        }
        await ProcessNextAsync(message, pipeline);
        if (reached)
        {
            Volatile.Write(ref _crashed, 1);
            throw Unreachable(message.Request);
        }
    }

    private static RequestFailedException Unreachable(Request request) =>
        new(0, $"Storage unreachable: the process crashed before {request.Method} {request.Uri.Path} was answered.");
}

/// <summary>
/// Where a save dies: at the <paramref name="Occurrence"/>th request that <paramref name="Request"/> matches
/// (counted from when the crash is armed), before it is sent or, with <paramref name="AfterResponse"/>, once answered.
/// </summary>
internal sealed class CrashPoint(string name, Func<Request, bool> request, bool afterResponse, int occurrence = 1)
{
    private int _seen;

    public bool AfterResponse { get; } = afterResponse;

    public bool Matches(Request candidate) => request(candidate) && Interlocked.Increment(ref _seen) == occurrence;

    public override string ToString() => name;
}
