using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Langaj.Cli.Hosting;

/// <summary>Azurite could not be installed or started; the message says what to install or fix, in one line.</summary>
public sealed class EmulatorUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The repository's pinned Azurite (package.json), run as a child process: the local host's storage,
/// and the tests' real storage. Stopping and starting again keeps the ports and the data folder, so a
/// test can cut storage off and bring it back.
/// </summary>
public sealed class AzuriteEmulator : IAsyncDisposable
{
    /// <summary>The emulator's one account and its well-known key (public, documented by Microsoft).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>Azurite's own ports, what <c>UseDevelopmentStorage=true</c> and Storage Explorer expect.</summary>
    public const int StandardBlobPort = 10000, StandardQueuePort = 10001, StandardTablePort = 10002;

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private const int OutputLinesKept = 40;

    /// <summary>The pinned version, run through npx when the CLI is installed as a tool (no repository around it).</summary>
    private const string PinnedPackage = "azurite@3.35.0";

    private readonly string? _packageRoot;
    private readonly Queue<string> _output = new();
    private readonly List<PortReservation> _reservations = [];
    private Process? _process;
    private bool _ownGroup;

    /// <param name="dataFolder">Where Azurite keeps its data (<c>--location</c>); created if absent.</param>
    /// <param name="useStandardPorts">
    /// True for the standard ports (<see cref="StandardBlobPort"/>...); false to pick free ports
    /// on the first start and keep them, reserved (<see cref="PortReservation"/>), for every restart until disposed (tests).
    /// </param>
    /// <param name="searchFrom">Where to start looking upwards for package.json; defaults to <see cref="AppContext.BaseDirectory"/>.</param>
    public AzuriteEmulator(string dataFolder, bool useStandardPorts, string? searchFrom = null)
    {
        DataFolder = Path.GetFullPath(dataFolder);
        _packageRoot = TryFindPackageRoot(searchFrom ?? AppContext.BaseDirectory);
        if (useStandardPorts)
        {
            (BlobPort, QueuePort, TablePort) = (StandardBlobPort, StandardQueuePort, StandardTablePort);
        }
    }

    public string DataFolder { get; }
    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public int TablePort { get; private set; }
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Account key connection string with explicit endpoints (valid once started, and across restarts).</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};"
        + $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};"
        + $"QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};"
        + $"TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>Starts (or restarts, on the same ports and folder) and waits until the three services accept connections.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (IsRunning)
        {
            return;
        }
        var (executable, prefix) = await LocateAsync(cancellationToken);
        if (BlobPort == 0)
        {
            (BlobPort, QueuePort, TablePort) = ReserveFreePorts();
        }
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            // Azurite would fail to bind, but the wait below would be fooled by whoever already listens there.
            if (await LoopbackPort.AcceptsConnectionsAsync(port, cancellationToken))
            {
                throw new EmulatorUnavailableException(
                    $"Port {port} on 127.0.0.1 is already in use (another Azurite?): stop it or let this one pick free ports.");
            }
        }
        Directory.CreateDirectory(DataFolder);
        lock (_output)
        {
            _output.Clear();
        }

        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = _packageRoot ?? DataFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // In a session of its own, Ctrl+C in the terminal reaches only the CLI, which then releases its leases
        // and stops Azurite itself: otherwise both get the signal and storage goes away under the shutdown.
        // setsid execs in place (the child is no group leader), so the process id stays Azurite's.
        var setsid = FindOnPath("setsid");
        _ownGroup = setsid is not null;
        if (setsid is not null)
        {
            start.ArgumentList.Add(start.FileName);
            start.FileName = setsid;
        }
        foreach (var argument in prefix.Concat(
        [
            "--location", DataFolder,
            "--blobHost", "127.0.0.1", "--blobPort", BlobPort.ToString(CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", QueuePort.ToString(CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", TablePort.ToString(CultureInfo.InvariantCulture),
            "--disableTelemetry", "--skipApiVersionCheck", "--loose",
        ]))
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            process.Dispose();
            throw new EmulatorUnavailableException(
                $"Could not run Azurite ({start.FileName}): Node.js must be installed and on PATH. {e.Message}", e);
        }
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        try
        {
            await WaitUntilListeningAsync(process, cancellationToken);
        }
        catch
        {
            await StopAsync();
            throw;
        }
    }

    /// <summary>Stops Azurite gracefully (it saves its data), killing it if it does not exit in time.</summary>
    public async Task StopAsync()
    {
        var process = _process;
        if (process is null)
        {
            return;
        }
        _process = null;
        try
        {
            if (!process.HasExited)
            {
                // SIGTERM lets Azurite flush its metadata (saved every few seconds otherwise);
                // a kill could lose writes the tests then look for.
                await TerminateAsync(process, _ownGroup);
                using var timeout = new CancellationTokenSource(StopTimeout);
                try
                {
                    await process.WaitForExitAsync(timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    // Hung: only then a kill.
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None);
                }
            }
        }
        finally
        {
            process.Dispose();
        }
    }

    /// <summary>
    /// Stops gracefully, as <see cref="StopAsync"/> does (a kill would lose the writes Azurite has not saved yet),
    /// then gives up the free ports it picked.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        foreach (var reservation in _reservations)
        {
            reservation.Dispose();
        }
        _reservations.Clear();
    }

    /// <summary>The folder holding the package.json that pins Azurite, found by walking up from <paramref name="from"/>; null when there is none (a CLI installed as a tool).</summary>
    public static string? TryFindPackageRoot(string from)
    {
        for (var directory = new DirectoryInfo(Path.GetFullPath(from)); directory is not null; directory = directory.Parent)
        {
            var manifest = Path.Combine(directory.FullName, "package.json");
            if (File.Exists(manifest) && File.ReadAllText(manifest).Contains("\"azurite\"", StringComparison.Ordinal))
            {
                return directory.FullName;
            }
        }
        return null;
    }

    private string AzuriteExecutable() =>
        Path.Combine(_packageRoot!, "node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite");

    /// <summary>
    /// The repository's pinned Azurite (installed with npm ci if needed); else, outside the repository, an
    /// <c>azurite</c> on PATH; else the pinned version through <c>npx</c>; else a one-line error saying what to install.
    /// </summary>
    private async Task<(string Executable, string[] Prefix)> LocateAsync(CancellationToken cancellationToken)
    {
        if (_packageRoot is not null)
        {
            await EnsureInstalledAsync(cancellationToken);
            return (AzuriteExecutable(), []);
        }
        var windows = OperatingSystem.IsWindows();
        if (FindOnPath(windows ? "azurite.cmd" : "azurite") is { } onPath)
        {
            return (onPath, []);
        }
        if (FindOnPath(windows ? "npx.cmd" : "npx") is { } npx)
        {
            Console.Error.WriteLine($"Running {PinnedPackage} through npx (downloaded on first use) ...");
            return (npx, ["--yes", PinnedPackage]);
        }
        throw new EmulatorUnavailableException(
            "No storage: install Node.js (Azurite then runs through npx) or Azurite (npm install -g azurite), "
            + "or give a storage account with --storage CONNECTION or ConnectionStrings:Storage.");
    }

    /// <summary>The full path of an executable found in a folder of PATH, or null.</summary>
    public static string? FindOnPath(string name)
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Select(folder => Path.Combine(folder, name)).FirstOrDefault(File.Exists);
    }

    private async Task EnsureInstalledAsync(CancellationToken cancellationToken)
    {
        if (File.Exists(AzuriteExecutable()))
        {
            return;
        }
        var start = new ProcessStartInfo(OperatingSystem.IsWindows() ? "npm.cmd" : "npm")
        {
            WorkingDirectory = _packageRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }
        Console.Error.WriteLine($"Installing the storage emulator (npm ci in {_packageRoot}), once ...");
        Process npm;
        try
        {
            npm = Process.Start(start) ?? throw new InvalidOperationException("npm did not start.");
        }
        catch (Win32Exception e)
        {
            throw new EmulatorUnavailableException(
                $"Azurite is not installed in {_packageRoot}/node_modules and npm could not be run to install it: "
                + $"install Node.js (which brings npm), then run 'npm ci' there. {e.Message}", e);
        }
        using (npm)
        {
            var output = npm.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = npm.StandardError.ReadToEndAsync(cancellationToken);
            await npm.WaitForExitAsync(cancellationToken);
            if (npm.ExitCode != 0 || !File.Exists(AzuriteExecutable()))
            {
                throw new EmulatorUnavailableException(
                    $"'npm ci' in {_packageRoot} failed (exit code {npm.ExitCode}):{Environment.NewLine}{await output}{await error}");
            }
        }
    }

    private async Task WaitUntilListeningAsync(Process process, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            while (!await LoopbackPort.AcceptsConnectionsAsync(port, cancellationToken))
            {
                if (process.HasExited)
                {
                    throw new EmulatorUnavailableException(
                        $"Azurite exited with code {process.ExitCode} before listening on port {port}:{Environment.NewLine}{Output()}");
                }
                if (deadline.Elapsed > StartTimeout)
                {
                    throw new EmulatorUnavailableException(
                        $"Azurite did not listen on port {port} within {StartTimeout.TotalSeconds:0} s:{Environment.NewLine}{Output()}");
                }
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    /// <param name="group">True when the process leads a group of its own (setsid): the signal goes to the whole group,
    /// so an Azurite run through npx (a child of npm) stops too.</param>
    private static async Task TerminateAsync(Process process, bool group)
    {
        if (OperatingSystem.IsWindows())
        {
            process.Kill(entireProcessTree: true);
            return;
        }
        var start = new ProcessStartInfo("kill") { UseShellExecute = false };
        start.ArgumentList.Add("-TERM");
        start.ArgumentList.Add("--");
        start.ArgumentList.Add((group ? "-" : "") + process.Id.ToString(CultureInfo.InvariantCulture));
        using var kill = Process.Start(start);
        if (kill is not null)
        {
            await kill.WaitForExitAsync();
        }
    }

    // Below the system's ephemeral range (32768 and up on Linux, 49152 and up on Windows): a port taken
    // from there could go to some outgoing connection while Azurite is stopped, and a restart on the
    // same ports would fail. Each port is reserved: another emulator, here or in another process, could
    // otherwise pick it while this one is stopped, and no port is handed out twice.
    private (int Blob, int Queue, int Table) ReserveFreePorts()
    {
        while (_reservations.Count < 3)
        {
            var reservation = PortReservation.TryTake(Random.Shared.Next(20000, 32768));
            if (reservation is not null && CanListen(reservation.Port))
            {
                _reservations.Add(reservation);
            }
            else
            {
                reservation?.Dispose();
            }
        }
        return (_reservations[0].Port, _reservations[1].Port, _reservations[2].Port);
    }

    private static bool CanListen(int port)
    {
        using var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputLinesKept)
            {
                _output.Dequeue();
            }
        }
    }

    private string Output()
    {
        lock (_output)
        {
            return string.Join(Environment.NewLine, _output);
        }
    }
}
