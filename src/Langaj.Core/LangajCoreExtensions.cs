using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Langaj.Core.Api;
using Langaj.Core.Extraction;
using Langaj.Core.Feeds;
using Langaj.Core.Fetching;
using Langaj.Core.Scraping;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Langaj.Core;

public static class LangajCoreExtensions
{
    /// <summary>
    /// Registers everything Langaj does, for any host (local server, CLI verbs, Functions app): each area of
    /// Langaj.Core in the order a page goes through them, and the clock they all read.
    /// </summary>
    public static IHostApplicationBuilder AddLangajCore(this IHostApplicationBuilder builder)
    {
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder
            .AddLangajFetching()
            .AddLangajExtraction()
            .AddLangajStorage()
            .AddLangajSources()
            .AddLangajFeeds()
            .AddLangajScraping()
            .AddLangajApi();
    }

    /// <summary>The app setting naming the Application Insights resource to export to; unset, nothing is exported.</summary>
    public const string ApplicationInsightsConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>The app setting saying how to sign in to Application Insights, as the Functions host reads it: <c>Authorization=AAD</c>, with <c>ClientId=</c> for a user-assigned identity.</summary>
    public const string ApplicationInsightsAuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>
    /// OpenTelemetry traces, metrics and logs: Langaj's own (<see cref="LangajTelemetry"/>), requests served and HTTP
    /// calls made. Exported to Application Insights when <see cref="ApplicationInsightsConnectionStringSetting"/> is
    /// set, signed in with the managed identity <see cref="ApplicationInsightsAuthenticationStringSetting"/> names;
    /// without a connection string nothing leaves the process (the exporter would refuse to start).
    /// </summary>
    public static IOpenTelemetryBuilder AddLangajTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(LangajTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics.AddMeter(LangajTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation())
            .WithLogging(configureBuilder: null, configureOptions: logging => logging.IncludeFormattedMessage = true);
        var connectionString = builder.Configuration[ApplicationInsightsConnectionStringSetting];
        if (!string.IsNullOrEmpty(connectionString))
        {
            var credential = ApplicationInsightsCredential(builder.Configuration[ApplicationInsightsAuthenticationStringSetting]);
            telemetry.UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                exporter.Credential = credential;
            });
        }
        return telemetry;
    }

    // Null (instrumentation key only) when the setting is absent; with local authentication off, as deployed, it must be set.
    private static ManagedIdentityCredential? ApplicationInsightsCredential(string? authenticationString)
    {
        if (string.IsNullOrWhiteSpace(authenticationString))
        {
            return null;
        }
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in authenticationString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2, StringSplitOptions.TrimEntries);
            parts[pair[0]] = pair.Length == 2 ? pair[1] : "";
        }
        if (!parts.TryGetValue("Authorization", out var authorization) || !authorization.Equals("AAD", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"{ApplicationInsightsAuthenticationStringSetting} is '{authenticationString}': expected 'Authorization=AAD', with 'ClientId=<client id>' for a user-assigned identity.");
        }
        return new ManagedIdentityCredential(parts.TryGetValue("ClientId", out var clientId) && clientId.Length > 0
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }

    /// <summary>
    /// Creates containers, tables and queues if absent and applies the configured sources (idempotent), then marks
    /// <see cref="StorageReadiness"/> ready. The local host and the verbs call it before they start; the Functions app
    /// lets <see cref="StorageSetup"/> call it.
    /// </summary>
    public static async Task EnsureLangajStorageAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        await services.GetRequiredService<ArticleStore>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<SourceStateStore>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<SourceLeases>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<ScrapeQueue>().EnsureCreatedAsync(cancellationToken);
        await services.GetRequiredService<FeedService>().EnsureCreatedAsync(cancellationToken);
        // Last: it also applies the configured sources, so a start that could not create storage applies them next time.
        await services.GetRequiredService<SourceCatalog>().EnsureCreatedAsync(cancellationToken);
        services.GetRequiredService<StorageReadiness>().Ready();
    }
}
