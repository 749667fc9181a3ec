using Langaj.Core.Feeds;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Langaj.Cli.Hosting;

/// <summary>
/// What the CLI assumes when nothing says otherwise, in one place: its own settings file, where <c>serve</c> listens
/// and so where feeds link to, where it keeps what it owns locally, and on which ports it runs the emulator.
/// </summary>
/// <remarks>
/// Settings: <c>Langaj:DataFolder</c> (default: <c>.azurite/</c> at the repository root when run from it, else
/// the user's local application data folder, <c>langaj/</c>); <c>Langaj:EmulatorPorts</c>, <c>standard</c>
/// (10000-10002, the default, what <c>UseDevelopmentStorage=true</c> and Storage Explorer expect) or <c>free</c>
/// (ports picked at start, for several emulators side by side).
/// </remarks>
internal static class CliDefaults
{
    /// <summary>Where <c>serve</c> listens unless <c>--urls</c> says otherwise.</summary>
    public const string Url = "http://127.0.0.1:7071";

    private const string DataFolderSetting = "Langaj:DataFolder";
    private const string EmulatorPortsSetting = "Langaj:EmulatorPorts";
    private static readonly string PublicBaseUrlSetting = $"{FeedsOptions.SectionName}:{nameof(FeedsOptions.PublicBaseUrl)}";

    /// <summary>
    /// The CLI runs from any folder (the content root is where it was started, so <c>sources.json</c> there is found);
    /// its own settings (log levels) ship beside the program and come first, so any other source wins. Feeds link to
    /// <paramref name="listensAt"/> unless <c>Feeds:PublicBaseUrl</c> is set; sources added later win over that too.
    /// </summary>
    public static void AddTo(IConfigurationManager configuration, Uri listensAt)
    {
        configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Path = "appsettings.json",
            Optional = true,
        });
        if (string.IsNullOrEmpty(configuration[PublicBaseUrlSetting]))
        {
            configuration[PublicBaseUrlSetting] = listensAt.ToString();
        }
    }

    /// <summary>Where the CLI keeps what it owns locally: the emulator's data and the operator key.</summary>
    public static string DataFolder(IConfiguration configuration)
    {
        if (configuration[DataFolderSetting] is { Length: > 0 } configured)
        {
            return Path.GetFullPath(configured);
        }
        return AzuriteEmulator.TryFindPackageRoot(AppContext.BaseDirectory) is { } repository
            ? Path.Combine(repository, ".azurite")
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "langaj");
    }

    /// <summary>False (the default, <c>standard</c>) for Azurite's own ports; true for <c>free</c>, ports picked at start.</summary>
    public static bool FreeEmulatorPorts(IConfiguration configuration) =>
        string.Equals(configuration[EmulatorPortsSetting], "free", StringComparison.OrdinalIgnoreCase);
}
