using System.Text.Json;
using System.Text.RegularExpressions;

namespace Langaj.Infra.Tests;

/// <summary>
/// The security properties of the compiled template. Each assertion names a property a careless edit
/// could weaken (keys back on, TLS lowered, a broader role, a secret in an output), so CI catches it.
/// </summary>
public sealed partial class TemplateSecurityTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private const string StorageBlobDataContributor = "ba92f5b4-2d11-453d-a403-e96b0029c9fe";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    [Fact]
    public void Storage_account_refuses_keys_public_blobs_plain_http_and_old_tls()
    {
        var properties = Properties(template.One("Microsoft.Storage/storageAccounts"));

        Assert.False(properties.GetProperty("allowSharedKeyAccess").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.True(properties.GetProperty("defaultToOAuthAuthentication").GetBoolean());
    }

    [Fact]
    public void Blob_containers_are_private()
    {
        var containers = template.OfType("Microsoft.Storage/storageAccounts/blobServices/containers").ToList();

        Assert.NotEmpty(containers);
        Assert.All(containers, c => Assert.Equal("None", Properties(c).GetProperty("publicAccess").GetString()));
    }

    [Fact]
    public void Plan_is_flex_consumption()
    {
        var plan = template.One("Microsoft.Web/serverfarms");

        Assert.Equal("FC1", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.True(Properties(plan).GetProperty("reserved").GetBoolean()); // Linux
    }

    [Fact]
    public void Function_app_is_linux_https_only_with_a_managed_identity_and_dotnet_isolated_10()
    {
        var app = template.One("Microsoft.Web/sites");
        var kind = app.GetProperty("kind").GetString()!.Split(',');
        var properties = Properties(app);
        var runtime = properties.GetProperty("functionAppConfig").GetProperty("runtime");

        Assert.Contains("functionapp", kind);
        Assert.Contains("linux", kind);
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Equal("1.2", properties.GetProperty("siteConfig").GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", properties.GetProperty("siteConfig").GetProperty("ftpsState").GetString());
        Assert.Equal("UserAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        Assert.Single(app.GetProperty("identity").GetProperty("userAssignedIdentities").EnumerateObject());
        Assert.Equal("dotnet-isolated", runtime.GetProperty("name").GetString());
        Assert.Equal("10.0", runtime.GetProperty("version").GetString());
    }

    [Fact]
    public void Deployment_package_is_read_with_the_identity_not_a_connection_string()
    {
        var storage = Properties(template.One("Microsoft.Web/sites"))
            .GetProperty("functionAppConfig").GetProperty("deployment").GetProperty("storage");
        var authentication = storage.GetProperty("authentication");

        Assert.Equal("blobContainer", storage.GetProperty("type").GetString());
        Assert.Equal("UserAssignedIdentity", authentication.GetProperty("type").GetString());
        Assert.False(authentication.TryGetProperty("storageAccountConnectionStringName", out _));
    }

    [Fact]
    public void Basic_publishing_credentials_are_off()
    {
        var policies = template.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(2, policies.Count);
        Assert.Contains(policies, p => p.GetProperty("name").GetString()!.Contains("'ftp'", StringComparison.Ordinal));
        Assert.Contains(policies, p => p.GetProperty("name").GetString()!.Contains("'scm'", StringComparison.Ordinal));
        Assert.All(policies, p => Assert.False(Properties(p).GetProperty("allow").GetBoolean()));
    }

    [Fact]
    public void App_settings_connect_to_storage_by_identity()
    {
        var settings = AppSettings();

        Assert.Equal("managedidentity", settings["AzureWebJobsStorage__credential"]);
        foreach (var service in new[] { "blob", "queue", "table" })
        {
            Assert.Contains("primaryEndpoints." + service, settings[$"AzureWebJobsStorage__{service}ServiceUri"], StringComparison.Ordinal);
            Assert.Contains("primaryEndpoints." + service, settings[$"Storage__{service}ServiceUri"], StringComparison.Ordinal);
        }
        Assert.Equal("[parameters('identityClientId')]", settings["AzureWebJobsStorage__clientId"]);
        Assert.Equal("[parameters('identityClientId')]", settings["Storage__ClientId"]);
        // A plain AzureWebJobsStorage setting would be a connection string, i.e. a key.
        Assert.False(settings.ContainsKey("AzureWebJobsStorage"));
    }

    [Fact]
    public void App_settings_hold_no_key_sas_or_keyed_connection_string()
    {
        var settings = AppSettings();

        Assert.All(settings, setting =>
        {
            Assert.DoesNotContain("AccountKey", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessSignature", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("SharedAccessKey", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("listKeys", setting.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("sig=", setting.Value, StringComparison.OrdinalIgnoreCase);
        });
        // The one connection string is Application Insights', which identifies the component; with local
        // auth off it grants nothing, and the host authenticates with the identity instead.
        Assert.Equal(["APPLICATIONINSIGHTS_CONNECTION_STRING"], settings.Keys.Where(k => k.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase)));
        Assert.Contains("ClientId={0};Authorization=AAD", settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"], StringComparison.Ordinal);
        // Flex Consumption takes the runtime from functionAppConfig and rejects these settings.
        Assert.False(settings.ContainsKey("FUNCTIONS_WORKER_RUNTIME"));
        Assert.False(settings.ContainsKey("FUNCTIONS_EXTENSION_VERSION"));
    }

    [Fact]
    public void Application_insights_accepts_only_entra_authenticated_telemetry_into_a_workspace()
    {
        var component = Properties(template.One("Microsoft.Insights/components"));
        var workspace = Properties(template.One("Microsoft.OperationalInsights/workspaces"));

        Assert.True(component.GetProperty("DisableLocalAuth").GetBoolean());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", component.GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
        Assert.True(workspace.GetProperty("features").GetProperty("disableLocalAuth").GetBoolean());
    }

    [Fact]
    public void Role_assignments_are_exactly_the_least_privilege_set()
    {
        var assignments = template.OfType("Microsoft.Authorization/roleAssignments").ToList();
        var roles = assignments
            .Select(a => RoleDefinitionGuid().Match(Properties(a).GetProperty("roleDefinitionId").GetString()!).Value)
            .Order(StringComparer.Ordinal);

        Assert.Equal(
            new[] { StorageBlobDataContributor, StorageQueueDataContributor, StorageTableDataContributor, MonitoringMetricsPublisher }.Order(StringComparer.Ordinal),
            roles);
        Assert.All(assignments, a =>
        {
            Assert.StartsWith("[guid(", a.GetProperty("name").GetString(), StringComparison.Ordinal);
            Assert.Equal("ServicePrincipal", Properties(a).GetProperty("principalType").GetString());
            // Scoped to one resource, never to the resource group or subscription.
            Assert.True(a.TryGetProperty("scope", out var scope) && scope.GetString()!.Length > 0);
        });
    }

    [Fact]
    public void Outputs_carry_urls_and_names_but_no_secret()
    {
        var outputs = template.Root.GetProperty("outputs").EnumerateObject().ToDictionary(o => o.Name, o => o.Value.GetProperty("value").GetString()!);

        Assert.Superset(
            new HashSet<string> { "FUNCTION_APP_URL", "FEED_RSS_URL", "FEED_ATOM_URL", "FEED_JSON_URL", "FEED_OPML_URL" },
            outputs.Keys.ToHashSet());
        Assert.All(outputs, output =>
        {
            Assert.DoesNotMatch(SecretLikeName(), output.Key);
            Assert.DoesNotMatch(ListFunction(), output.Value);
            Assert.DoesNotContain("ConnectionString", output.Value, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("InstrumentationKey", output.Value, StringComparison.OrdinalIgnoreCase);
        });
    }

    [Fact]
    public void No_key_is_read_anywhere_in_the_template()
    {
        Assert.DoesNotMatch(ListFunction(), template.Text);
        Assert.DoesNotContain("AccountKey", template.Text, StringComparison.OrdinalIgnoreCase);
    }

    private static JsonElement Properties(JsonElement resource) => resource.GetProperty("properties");

    private Dictionary<string, string> AppSettings() =>
        Properties(template.One("Microsoft.Web/sites/config"))
            .EnumerateObject()
            // Setting names are read case-insensitively by both the Functions host and .NET configuration.
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.OrdinalIgnoreCase);

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex RoleDefinitionGuid();

    [GeneratedRegex("key|secret|password|token|connection", RegexOptions.IgnoreCase)]
    private static partial Regex SecretLikeName();

    // listKeys(, listAccountSas(, listSecrets(... : any ARM list* function reads a secret.
    [GeneratedRegex(@"\blist[A-Za-z]*\(")]
    private static partial Regex ListFunction();
}
