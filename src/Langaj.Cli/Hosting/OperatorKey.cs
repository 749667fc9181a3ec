using System.Security.Cryptography;

namespace Langaj.Cli.Hosting;

/// <summary>The local host's operator key: the configured one, else a fresh one printed at start.</summary>
internal static class OperatorKey
{
    private const string Setting = "Operator:Key";

    public static void EnsureConfigured(IConfiguration configuration)
    {
        if (string.IsNullOrEmpty(configuration[Setting]))
        {
            configuration[Setting] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        }
    }

    public static void Announce(WebApplication app) =>
        app.Lifetime.ApplicationStarted.Register(() => app.Logger.LogInformation(
            "Operator key for POST /api/sources/{{id}}/scrape (header x-functions-key): {OperatorKey}", app.Configuration[Setting]));
}
