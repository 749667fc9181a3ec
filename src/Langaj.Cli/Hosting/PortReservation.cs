namespace Langaj.Cli.Hosting;

/// <summary>
/// A claim on a TCP port among the emulators of every Langaj process on this machine: an exclusive lock on a
/// file named after the port, in the temporary folder. An emulator that stops keeps its ports to start again on
/// them, and while it is stopped nothing listens there, so a free-port search elsewhere must skip them.
/// The operating system drops the lock when its process dies, so a crash leaves no port claimed.
/// </summary>
public sealed class PortReservation : IDisposable
{
    private static readonly string Folder = Path.Combine(Path.GetTempPath(), "langaj-ports");

    private readonly FileStream _lock;

    // FileShare.None is an flock on Unix and a sharing mode on Windows: exclusive between processes
    // and between two opens in one process alike.
    private PortReservation(int port)
    {
        Port = port;
        _lock = new FileStream(Path.Combine(Folder, $"{port}.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
    }

    public int Port { get; }

    /// <summary>The port's reservation, or null while another emulator (in this process or another) holds it.</summary>
    public static PortReservation? TryTake(int port)
    {
        Directory.CreateDirectory(Folder);
        try
        {
            return new PortReservation(port);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _lock.Dispose();
}
