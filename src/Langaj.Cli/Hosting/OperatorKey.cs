using System.Security.Cryptography;
using Langaj.Core.Api;

namespace Langaj.Cli.Hosting;

/// <summary>
/// The local host's operator key: the configured one, else the one kept in the data folder (<c>operator-key</c>),
/// made and shown once on the first start, so a script or a bookmark keeps working across restarts.
/// </summary>
internal static class OperatorKey
{
    private static readonly string Setting = $"{OperatorOptions.SectionName}:{nameof(OperatorOptions.Key)}";
    private const string FileName = "operator-key";

    public static void EnsureConfigured(IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration[Setting]))
        {
            return;
        }
        var path = Path.Combine(CliDefaults.DataFolder(configuration), FileName);
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } kept)
        {
            configuration[Setting] = kept;
            Console.Error.WriteLine($"Operator key (header x-functions-key): in {path}");
            return;
        }
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, key);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        configuration[Setting] = key;
        Console.Error.WriteLine($"Operator key (header x-functions-key), shown this once and kept in {path}: {key}");
    }
}
