using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Google.Protobuf;
using Grpc.Core;
using Langaj.Testing.Hosts.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Langaj.Testing.Hosts;

/// <summary>One function as the worker indexed it: its trigger binding and, for HTTP, its route and methods.</summary>
public sealed record IndexedFunction(string Name, string FunctionId, string TriggerName, string TriggerType, JsonElement Trigger, RpcFunctionMetadata Metadata)
{
    public string? Route => Trigger.TryGetProperty("route", out var route) ? route.GetString() : null;

    public IReadOnlyList<string> Methods => Trigger.TryGetProperty("methods", out var methods)
        ? [.. methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant())]
        : [];

    public string? AuthLevel => Trigger.TryGetProperty("authLevel", out var level) ? level.GetString() : null;
}

/// <summary>
/// Plays the Azure Functions host for the built worker: a gRPC server for <c>FunctionRpc.EventStream</c> on
/// loopback, the worker started as the host starts it (its switches and environment), worker init, worker
/// indexing, one load per function; then invocations as the host sends them, HTTP ones forwarded to the
/// worker's advertised <c>HttpUri</c> with <c>x-ms-invocation-id</c> (the ASP.NET Core integration).
/// </summary>
public sealed partial class FunctionsHost : IAsyncDisposable
{
    private const string InvocationHeader = "x-ms-invocation-id";
    private const string RoutePrefix = "api";

    private readonly WebApplication _grpc;
    private readonly HostSide _side;
    private readonly Process _worker;
    private readonly StringBuilder _output;
    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false });

    private readonly string _workerDirectory;
    private readonly IReadOnlyDictionary<string, string> _appSettings;

    private FunctionsHost(WebApplication grpc, HostSide side, Process worker, StringBuilder output, string workerDirectory, IReadOnlyDictionary<string, string> appSettings)
    {
        _workerDirectory = workerDirectory;
        _appSettings = appSettings;
        _grpc = grpc;
        _side = side;
        _worker = worker;
        _output = output;
    }

    /// <summary>The worker directory the tests start: <c>LANGAJ_FUNCTIONS_WORKER_DIR</c> when set (CI's ReadyToRun publish), else the build output.</summary>
    public static string DefaultWorkerDirectory =>
        Environment.GetEnvironmentVariable("LANGAJ_FUNCTIONS_WORKER_DIR") is { Length: > 0 } dir
            ? Path.GetFullPath(dir)
            : typeof(FunctionsHost).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "FunctionsWorkerDirectory").Value!;

    public IReadOnlyList<IndexedFunction> Functions { get; private set; } = [];

    /// <summary>What the worker advertised in its init response.</summary>
    public IReadOnlyDictionary<string, string> WorkerCapabilities { get; private set; } = new Dictionary<string, string>();

    public Uri HttpUri => new(WorkerCapabilities["HttpUri"]);

    /// <summary>The worker's logs as it sent them over the stream (RpcLog), in arrival order.</summary>
    public IReadOnlyList<RpcLog> Logs => [.. _side.Logs];

    /// <summary>What the worker wrote to stdout and stderr so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the worker in <paramref name="workerDirectory"/> with <paramref name="appSettings"/> as environment variables, and loads every function it indexes.</summary>
    public static async Task<FunctionsHost> StartAsync(IReadOnlyDictionary<string, string> appSettings, string? workerDirectory = null)
    {
        workerDirectory = Path.GetFullPath(workerDirectory ?? DefaultWorkerDirectory);
        var side = new HostSide();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Logging.ClearProviders();
        builder.Services.AddGrpc(o => o.MaxReceiveMessageSize = null);
        builder.Services.AddSingleton(side);
        var grpc = builder.Build();
        grpc.MapGrpcService<FunctionRpcService>();
        await grpc.StartAsync();

        var workerId = Guid.NewGuid().ToString();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workerDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            Path.Combine(workerDirectory, "Langaj.Functions.dll"),
            "--functions-uri", grpc.Urls.First() + "/",
            "--functions-worker-id", workerId,
            "--functions-request-id", Guid.NewGuid().ToString(),
            "--functions-grpc-max-message-length", int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(arg);
        }
        // What the host sets for every worker it starts.
        start.Environment["FUNCTIONS_WORKER_DIRECTORY"] = workerDirectory;
        start.Environment["FUNCTIONS_APPLICATION_DIRECTORY"] = workerDirectory;
        start.Environment["AzureWebJobsScriptRoot"] = workerDirectory;
        start.Environment["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in appSettings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var output = new StringBuilder();
        var worker = new Process { StartInfo = start };
        worker.OutputDataReceived += (_, e) => Append(output, e.Data);
        worker.ErrorDataReceived += (_, e) => Append(output, e.Data);
        worker.Start();
        worker.BeginOutputReadLine();
        worker.BeginErrorReadLine();

        var host = new FunctionsHost(grpc, side, worker, output, workerDirectory, appSettings);
        try
        {
            await host.InitializeAsync(workerId, workerDirectory);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
        return host;
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task InitializeAsync(string workerId, string workerDirectory)
    {
        var started = await Within(_side.Started.Task, "the worker's StartStream");
        if (started.WorkerId != workerId)
        {
            throw new InvalidOperationException($"The worker opened its stream as '{started.WorkerId}', not '{workerId}'.");
        }

        var init = new WorkerInitRequest { HostVersion = "4.1000.0", WorkerDirectory = workerDirectory, FunctionAppDirectory = workerDirectory };
        // Capabilities the host announces to isolated workers.
        foreach (var capability in new[] { "RpcHttpBodyOnly", "RawHttpBodyBytes", "RpcHttpTriggerMetadataRemoved", "TypedDataCollection", "HandlesWorkerTerminateMessage", "HandlesInvocationCancelMessage" })
        {
            init.Capabilities[capability] = "true";
        }
        var initResponse = (await RequestAsync(new StreamingMessage { WorkerInitRequest = init }, "worker init")).WorkerInitResponse;
        EnsureSuccess(initResponse.Result, "worker init");
        WorkerCapabilities = initResponse.Capabilities.ToDictionary();

        var metadata = (await RequestAsync(
            new StreamingMessage { FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = workerDirectory } },
            "function metadata")).FunctionMetadataResponse;
        EnsureSuccess(metadata.Result, "function metadata");

        var functions = new List<IndexedFunction>();
        foreach (var function in metadata.FunctionMetadataResults)
        {
            var bindings = function.RawBindings.Select(raw => JsonDocument.Parse(raw).RootElement).ToList();
            if (function.Bindings.Count == 0)
            {
                // The host builds the load request's bindings from the raw bindings the worker sent.
                foreach (var binding in bindings)
                {
                    function.Bindings[binding.GetProperty("name").GetString()!] = new BindingInfo
                    {
                        Type = binding.GetProperty("type").GetString()!,
                        Direction = binding.GetProperty("direction").GetString()!.Equals("out", StringComparison.OrdinalIgnoreCase)
                            ? BindingInfo.Types.Direction.Out : BindingInfo.Types.Direction.In,
                    };
                }
            }
            var functionId = string.IsNullOrEmpty(function.FunctionId) ? Guid.NewGuid().ToString() : function.FunctionId;
            var load = (await RequestAsync(
                new StreamingMessage { FunctionLoadRequest = new FunctionLoadRequest { FunctionId = functionId, Metadata = function } },
                "load " + function.Name)).FunctionLoadResponse;
            EnsureSuccess(load.Result, "load " + function.Name);
            var trigger = bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase));
            functions.Add(new IndexedFunction(function.Name, functionId, trigger.GetProperty("name").GetString()!, trigger.GetProperty("type").GetString()!, trigger, function));
        }
        Functions = functions;
    }

    public IndexedFunction Function(string name) => Functions.Single(f => f.Name == name);

    /// <summary>
    /// A binding's value as the host reads it: each <c>%name%</c> replaced by that app setting (the worker
    /// never sees them resolved). A setting that is not there fails, as the host's indexing of that function does.
    /// </summary>
    public string ResolveSettings(string value) => SettingReference().Replace(value, m => _appSettings.TryGetValue(m.Groups[1].Value, out var setting)
        ? setting
        : throw new InvalidOperationException($"'{m.Value}' does not resolve to a value: no app setting {m.Groups[1].Value}."));

    [System.Text.RegularExpressions.GeneratedRegex("%([^%]+)%")]
    private static partial System.Text.RegularExpressions.Regex SettingReference();

    /// <summary>
    /// Sends <paramref name="request"/> (a path under <c>/api/</c>) as the host does: finds the HTTP function
    /// whose route and method match, invokes it and forwards the request to the worker. No match: 404 from the "host".
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        var path = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.AbsolutePath : "/" + request.RequestUri.OriginalString.Split('?')[0].TrimStart('/');
        foreach (var function in Functions.Where(f => f.Route is not null))
        {
            var values = new RouteValueDictionary();
            var matcher = new TemplateMatcher(TemplateParser.Parse(RoutePrefix + "/" + function.Route), []);
            if (matcher.TryMatch(path, values) && function.Methods.Contains(request.Method.Method.ToUpperInvariant()))
            {
                return await InvokeHttpAsync(function, request, values);
            }
        }
        return new HttpResponseMessage(HttpStatusCode.NotFound);
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => SendAsync(new HttpRequestMessage(HttpMethod.Get, pathAndQuery));

    private async Task<HttpResponseMessage> InvokeHttpAsync(IndexedFunction function, HttpRequestMessage request, RouteValueDictionary routeValues)
    {
        var invocationId = Guid.NewGuid().ToString();
        var relative = request.RequestUri!.IsAbsoluteUri ? request.RequestUri.PathAndQuery : request.RequestUri.OriginalString;
        var forwarded = new Uri(HttpUri, relative.TrimStart('/'));
        var invocation = NewInvocation(function, invocationId);
        invocation.InputData.Add(new ParameterBinding
        {
            Name = function.TriggerName,
            Data = new TypedData { Http = new RpcHttp { Method = request.Method.Method, Url = forwarded.ToString() } },
        });
        foreach (var (key, value) in routeValues)
        {
            invocation.TriggerMetadata[key] = new TypedData { String = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "" };
        }
        var response = RequestAsync(new StreamingMessage { InvocationRequest = invocation }, "invoke " + function.Name, invocationId);

        request.RequestUri = forwarded;
        request.Headers.Add(InvocationHeader, invocationId);
        var http = await ForwardAsync(request);
        await http.Content.LoadIntoBufferAsync();
        EnsureSuccess((await response).InvocationResponse.Result, "invoke " + function.Name);
        return http;
    }

    // The worker's Kestrel may still be binding its HttpUri when the functions are loaded; the host's
    // forwarder retries a refused connection too (body-less requests only here, which can be sent again).
    private async Task<HttpResponseMessage> ForwardAsync(HttpRequestMessage request)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await _http.SendAsync(request);
            }
            catch (HttpRequestException e) when (e.HttpRequestError == HttpRequestError.ConnectionError && request.Content is null && attempt < 50)
            {
                await Task.Delay(100);
                var again = new HttpRequestMessage(request.Method, request.RequestUri);
                foreach (var (name, values) in request.Headers)
                {
                    again.Headers.TryAddWithoutValidation(name, values);
                }
                request = again;
            }
        }
    }

    /// <summary>
    /// GETs <paramref name="path"/> every tenth of a second until <paramref name="until"/> holds for its status and body;
    /// throws with the last answer once <paramref name="within"/> has passed (a deadline, not a timed assertion).
    /// </summary>
    public async Task<(HttpStatusCode Status, string Body)> PollAsync(string path, Func<HttpStatusCode, string, bool> until, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            using var response = await GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            if (until(response.StatusCode, body))
            {
                return (response.StatusCode, body);
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{path} still answers {(int)response.StatusCode} {body} after {within.TotalSeconds} s\n{Output}");
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Invokes a non-HTTP function with its trigger's data (and trigger metadata); returns the worker's result.</summary>
    public async Task<StatusResult> InvokeAsync(string functionName, TypedData trigger, IDictionary<string, TypedData>? triggerMetadata = null)
    {
        var function = Function(functionName);
        var invocationId = Guid.NewGuid().ToString();
        var invocation = NewInvocation(function, invocationId);
        invocation.InputData.Add(new ParameterBinding { Name = function.TriggerName, Data = trigger });
        foreach (var (key, value) in triggerMetadata ?? new Dictionary<string, TypedData>())
        {
            invocation.TriggerMetadata[key] = value;
        }
        return (await RequestAsync(new StreamingMessage { InvocationRequest = invocation }, "invoke " + functionName, invocationId)).InvocationResponse.Result;
    }

    // The host always sends a trace context: the W3C traceparent of its own invocation span.
    private static InvocationRequest NewInvocation(IndexedFunction function, string invocationId) => new()
    {
        InvocationId = invocationId,
        FunctionId = function.FunctionId,
        TraceContext = new RpcTraceContext { TraceParent = $"00-{ActivityTraceId.CreateRandom()}-{ActivitySpanId.CreateRandom()}-01" },
    };

    /// <summary>Invokes the timer function <paramref name="functionName"/> as its schedule would.</summary>
    public async Task<StatusResult> FireTimerAsync(string functionName)
    {
        var now = DateTime.UtcNow;
        var timer = JsonSerializer.Serialize(new
        {
            Schedule = new { AdjustForDST = true },
            ScheduleStatus = new { Last = now.AddMinutes(-30), Next = now.AddMinutes(30), LastUpdated = now.AddMinutes(-30) },
            IsPastDue = false,
        });
        return await InvokeAsync(functionName, new TypedData { Json = timer });
    }

    /// <summary>Invokes the queue function <paramref name="functionName"/> with <paramref name="message"/>, as the host's queue listener does.</summary>
    public Task<StatusResult> InvokeQueueAsync(string functionName, QueueMessage message)
    {
        var content = JsonSerializer.SerializeToUtf8Bytes(new
        {
            message.MessageId,
            message.PopReceipt,
            MessageText = message.Body.ToString(),
            message.DequeueCount,
            message.NextVisibleOn,
            message.InsertedOn,
            message.ExpiresOn,
        });
        var trigger = new TypedData
        {
            ModelBindingData = new ModelBindingData { Version = "1.0", Source = "AzureStorageQueues", ContentType = "application/json", Content = ByteString.CopyFrom(content) },
        };
        var metadata = new Dictionary<string, TypedData>
        {
            ["Id"] = new() { String = message.MessageId },
            ["DequeueCount"] = new() { Json = message.DequeueCount.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["PopReceipt"] = new() { String = message.PopReceipt },
        };
        return InvokeAsync(functionName, trigger, metadata);
    }

    /// <summary>
    /// Plays the host's queue listener for <paramref name="functionName"/> until its queue is empty: takes
    /// each message from <paramref name="queues"/> (the queue the trigger names, in host.json's message
    /// encoding), invokes the function with it, deletes it on success, leaves it on failure for the next
    /// dequeue, and moves it to <c>{queue}-poison</c> once host.json's <c>maxDequeueCount</c> is reached.
    /// Returns the result of every invocation, in order.
    /// </summary>
    public async Task<IReadOnlyList<StatusResult>> DrainQueueAsync(string functionName, string connectionString)
    {
        var function = Function(functionName);
        var queueSettings = JsonDocument.Parse(File.ReadAllText(Path.Combine(_workerDirectory, "host.json")))
            .RootElement.GetProperty("extensions").GetProperty("queues");
        var maxDequeueCount = queueSettings.GetProperty("maxDequeueCount").GetInt32();
        var encoding = queueSettings.GetProperty("messageEncoding").GetString() == "base64" ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None;
        var service = new QueueServiceClient(connectionString, new QueueClientOptions { MessageEncoding = encoding });
        var queueName = ResolveSettings(function.Trigger.GetProperty("queueName").GetString()!);
        var queue = service.GetQueueClient(queueName);
        var poison = service.GetQueueClient(queueName + "-poison");

        var results = new List<StatusResult>();
        while ((await queue.ReceiveMessageAsync(TimeSpan.FromSeconds(30))).Value is { } message)
        {
            var result = await InvokeQueueAsync(functionName, message);
            results.Add(result);
            if (result.Status == StatusResult.Types.Status.Success)
            {
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            else if (message.DequeueCount >= maxDequeueCount)
            {
                await poison.CreateIfNotExistsAsync();
                await poison.SendMessageAsync(message.Body.ToString());
                await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
            }
            else
            {
                // Visible again at once: stands in for the host's retry delay.
                await queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
            }
        }
        return results;
    }

    private async Task<StreamingMessage> RequestAsync(StreamingMessage message, string what, string? invocationId = null)
    {
        message.RequestId = Guid.NewGuid().ToString();
        var key = invocationId ?? message.RequestId;
        var reply = _side.Expect(key);
        await _side.SendAsync(message);
        return await Within(reply, what);
    }

    private async Task<T> Within<T>(Task<T> task, string what)
    {
        var exited = _worker.WaitForExitAsync();
        var done = await Task.WhenAny(task, exited, Task.Delay(TimeSpan.FromSeconds(60)));
        if (done == task)
        {
            return await task;
        }
        throw new InvalidOperationException(
            $"No answer to {what}: " + (done == exited ? $"the worker exited with {_worker.ExitCode}" : "timed out") + "\n" + Output);
    }

    private void EnsureSuccess(StatusResult result, string what)
    {
        if (result.Status != StatusResult.Types.Status.Success)
        {
            throw new InvalidOperationException($"{what} failed: {result.Exception?.Message} {result.Result}\n{result.Exception?.StackTrace}\n{Output}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_worker.HasExited)
        {
            try
            {
                await _side.SendAsync(new StreamingMessage { WorkerTerminate = new WorkerTerminate { GracePeriod = new GracePeriod { Seconds = 5 } } });
            }
            catch (InvalidOperationException)
            {
                // No stream to send on: the worker never connected.
            }
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _worker.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _worker.Kill(entireProcessTree: true);
            }
        }
        _worker.Dispose();
        _http.Dispose();
        _side.Complete();
        await _grpc.StopAsync();
        await _grpc.DisposeAsync();
    }

    /// <summary>The host's end of the one event stream: replies matched to requests, logs kept.</summary>
    public sealed class HostSide
    {
        private readonly Channel<StreamingMessage> _outgoing = Channel.CreateUnbounded<StreamingMessage>();
        private readonly ConcurrentDictionary<string, TaskCompletionSource<StreamingMessage>> _pending = new();

        public TaskCompletionSource<StartStream> Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public ConcurrentQueue<RpcLog> Logs { get; } = new();

        public Task<StreamingMessage> Expect(string key) =>
            _pending.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public async Task SendAsync(StreamingMessage message)
        {
            if (!Started.Task.IsCompleted)
            {
                throw new InvalidOperationException("The worker has not opened its stream.");
            }
            await _outgoing.Writer.WriteAsync(message);
        }

        public void Complete() => _outgoing.Writer.TryComplete();

        public async Task RunAsync(IAsyncStreamReader<StreamingMessage> incoming, IServerStreamWriter<StreamingMessage> outgoing, CancellationToken cancellationToken)
        {
            var writer = Task.Run(async () =>
            {
                await foreach (var message in _outgoing.Reader.ReadAllAsync(cancellationToken))
                {
                    await outgoing.WriteAsync(message, cancellationToken);
                }
            }, cancellationToken);
            while (await incoming.MoveNext(cancellationToken))
            {
                var message = incoming.Current;
                switch (message.ContentCase)
                {
                    case StreamingMessage.ContentOneofCase.StartStream:
                        Started.TrySetResult(message.StartStream);
                        break;
                    case StreamingMessage.ContentOneofCase.RpcLog:
                        Logs.Enqueue(message.RpcLog);
                        break;
                    case StreamingMessage.ContentOneofCase.InvocationResponse:
                        Complete(message.InvocationResponse.InvocationId, message);
                        break;
                    default:
                        Complete(message.RequestId, message);
                        break;
                }
            }
            Complete();
            await writer;
        }

        private void Complete(string key, StreamingMessage message) =>
            _pending.GetOrAdd(key, _ => new TaskCompletionSource<StreamingMessage>(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult(message);
    }

    private sealed class FunctionRpcService(HostSide side) : FunctionRpc.FunctionRpcBase
    {
        public override Task EventStream(IAsyncStreamReader<StreamingMessage> requestStream, IServerStreamWriter<StreamingMessage> responseStream, ServerCallContext context) =>
            side.RunAsync(requestStream, responseStream, context.CancellationToken);
    }
}
