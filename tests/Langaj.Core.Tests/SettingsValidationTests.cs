using Langaj.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Tests;

/// <summary>
/// Every setting Langaj.Core reads is checked when the host starts (no storage is reached: the check comes before
/// any hosted service), and a wrong one stops it with one line that names it.
/// </summary>
public sealed class SettingsValidationTests
{
    // The one setting every host must give; the local host and the verbs default it to where they listen.
    // Base64, as an account key is; what must never be echoed.
    private const string SecretKey = "c2VjcmV0LWFjY291bnQta2V5";

    private static readonly Dictionary<string, string?> Required = new() { ["Feeds:PublicBaseUrl"] = "https://langaj.example/" };

    [Fact]
    public void The_defaults_pass()
    {
        using var host = Build(Required);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void The_values_tests_and_the_local_settings_use_pass()
    {
        using var host = Build(new(Required)
        {
            ["Fetch:MinDelayPerHost"] = "00:00:00",
            ["Fetch:RetryDelay"] = "00:00:00.020",
            ["Fetch:Timeout"] = "00:00:00.300",
            ["Fetch:OverallTimeout"] = "00:00:00.800",
            ["Fetch:MaxRetries"] = "0",
            ["Fetch:MaxBodyBytes"] = "1024",
            ["Fetch:PerHostConcurrency"] = "16",
            ["Fetch:AllowedPrivateNetworks:0"] = "127.0.0.1/32",
            ["Scrape:ArticleConcurrency"] = "8",
            ["Feeds:RevalidateAfter"] = "00:00:00",
            ["Sources:RevalidateAfter"] = "00:00:00",
            ["Storage:MaxRetries"] = "0",
            ["Storage:LeaseDuration"] = "00:00:15",
            ["Cors:AllowedOrigins:0"] = "https://reader.example",
            ["Operator:Key"] = "test-operator-key",
        });

        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Theory]
    [InlineData("Fetch:UserAgent", " ", "Fetch:UserAgent must")]
    [InlineData("Fetch:Timeout", "00:00:00", "Fetch:Timeout must")]
    [InlineData("Fetch:OverallTimeout", "-00:00:01", "Fetch:OverallTimeout must")]
    [InlineData("Fetch:MaxBodyBytes", "0", "Fetch:MaxBodyBytes must")]
    [InlineData("Fetch:MaxRedirects", "-1", "Fetch:MaxRedirects must")]
    [InlineData("Fetch:MaxRetries", "11", "Fetch:MaxRetries must be from 0 to 10, not 11.")]
    [InlineData("Fetch:RetryDelay", "2.00:00:00", "Fetch:RetryDelay must")]
    [InlineData("Fetch:PerHostConcurrency", "0", "Fetch:PerHostConcurrency must")]
    [InlineData("Fetch:MinDelayPerHost", "-00:00:01", "Fetch:MinDelayPerHost must")]
    [InlineData("Fetch:RobotsCacheDuration", "7.00:00:00", "Fetch:RobotsCacheDuration must")]
    [InlineData("Fetch:AllowedPrivateNetworks:0", "10.1.2.0/33", "Fetch:AllowedPrivateNetworks: '10.1.2.0/33'")]
    [InlineData("Scrape:MaxArticlesPerRun", "0", "Scrape:MaxArticlesPerRun must")]
    [InlineData("Scrape:ArticleConcurrency", "0", "Scrape:ArticleConcurrency must be at least 1, not 0.")]
    [InlineData("Scrape:SchedulerTick", "00:00:00", "Scrape:SchedulerTick must")]
    [InlineData("Feeds:PublicBaseUrl", "/api/", "Feeds:PublicBaseUrl")]
    [InlineData("Feeds:Title", " ", "Feeds:Title must")]
    [InlineData("Feeds:RevalidateAfter", "-00:00:01", "Feeds:RevalidateAfter must")]
    [InlineData("Sources:DefaultSchedule", "*/15 * * *", "Sources:DefaultSchedule")]
    [InlineData("Sources:RevalidateAfter", "-00:00:01", "Sources:RevalidateAfter must")]
    [InlineData("Storage:NetworkTimeout", "00:00:00", "Storage:NetworkTimeout")]
    [InlineData("Storage:LeaseDuration", "00:01:01", "Storage:LeaseDuration")]
    [InlineData("Cors:AllowedOrigins:0", "https://reader.example/", "Cors:AllowedOrigins: 'https://reader.example/'")]
    [InlineData("Operator:Key", "two words", "Operator:Key")]
    public async Task A_wrong_setting_stops_the_host_at_start_in_one_line_naming_it(string setting, string value, string named)
    {
        using var host = Build(new(Required) { [setting] = value });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(named, refused.Message, StringComparison.Ordinal);
        // The key as operators write it, never the property behind it (FetchOptions.MaxRetries).
        Assert.DoesNotContain("Options.", refused.Message, StringComparison.Ordinal);
        Assert.Single(refused.Failures);
        Assert.DoesNotContain('\n', refused.Message);
    }

    [Theory]
    [InlineData("AccountKey")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=langaj;AccountKey=" + SecretKey + ";BlobEndpoint=not a url")]
    public async Task A_malformed_connection_string_stops_the_host_in_one_line_naming_the_setting_and_not_its_key(string connectionString)
    {
        using var host = Build(new(Required) { ["ConnectionStrings:Storage"] = connectionString });

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("ConnectionStrings:Storage is not a storage connection string", refused.Message, StringComparison.Ordinal);
        Assert.Single(refused.Failures);
        Assert.DoesNotContain('\n', refused.Message);
        Assert.DoesNotContain(SecretKey, refused.Message, StringComparison.Ordinal);
    }

    // Not Feeds or Storage: the feeds' warm-up, a hosted service, reads them as it is made, before the host checks the rest.
    [Fact]
    public async Task Wrong_settings_of_several_sections_are_all_named_at_once()
    {
        using var host = Build(new(Required) { ["Fetch:MaxRetries"] = "11", ["Scrape:ArticleConcurrency"] = "0" });

        var refused = await Assert.ThrowsAsync<AggregateException>(() => host.StartAsync());

        var messages = refused.InnerExceptions.Select(e => Assert.IsType<OptionsValidationException>(e).Message).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Contains(messages, m => m.Contains("Fetch:MaxRetries must be from 0 to 10", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Scrape:ArticleConcurrency must be at least 1", StringComparison.Ordinal));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = AreaBuilder.Create(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        builder.AddLangajCore();
        return builder.Build();
    }
}
