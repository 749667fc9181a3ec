using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Storage;

/// <summary>
/// Where Langaj's storage is and how to reach it; the same keys for the local host and the Functions app.
/// </summary>
/// <remarks>
/// <para>Either a connection string, <c>ConnectionStrings:Storage</c> (environment: <c>ConnectionStrings__Storage</c>),
/// which defaults to <c>UseDevelopmentStorage=true</c> (Azurite on its standard ports);</para>
/// <para>or, in Azure, identity-based endpoints with <c>DefaultAzureCredential</c>: <c>Storage:BlobServiceUri</c>,
/// <c>Storage:TableServiceUri</c>, <c>Storage:QueueServiceUri</c> (environment: <c>Storage__BlobServiceUri</c>...),
/// and optionally <c>Storage:ClientId</c>, the client id of a user-assigned managed identity. The endpoints win
/// over the connection string when <c>Storage:BlobServiceUri</c> is set.</para>
/// <para>Optional: <c>Storage:NamePrefix</c>, put in front of every table, container and queue name (tests isolate
/// themselves with it); <c>Storage:MaxRetries</c>, <c>Storage:NetworkTimeout</c>, <c>Storage:LeaseDuration</c>.</para>
/// </remarks>
public sealed class StorageOptions : IValidatableObject
{
    /// <summary>The configuration section of everything but the connection string.</summary>
    public const string SectionName = "Storage";

    /// <summary>The name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionStringName = "Storage";

    public const string DevelopmentConnectionString = "UseDevelopmentStorage=true";

    /// <summary>From <c>ConnectionStrings:Storage</c>; used when <see cref="BlobServiceUri"/> is not set.</summary>
    public string ConnectionString { get; set; } = DevelopmentConnectionString;

    /// <summary><c>Storage:BlobServiceUri</c>, e.g. <c>https://account.blob.core.windows.net</c>: selects identity-based access.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary><c>Storage:TableServiceUri</c>, e.g. <c>https://account.table.core.windows.net</c>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary><c>Storage:QueueServiceUri</c>, e.g. <c>https://account.queue.core.windows.net</c>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary><c>Storage:ClientId</c>: a user-assigned managed identity's client id; the system identity (or developer login) when absent.</summary>
    public string? ClientId { get; set; }

    /// <summary><c>Storage:NamePrefix</c>: lower-case letters and digits, starting with a letter; empty in production.</summary>
    public string NamePrefix { get; set; } = "";

    /// <summary>
    /// <c>Storage:MaxRetries</c>: retries of a failed storage request. Kept small, with a short network timeout,
    /// so that storage being down is an error within seconds rather than a hung request.
    /// </summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary><c>Storage:NetworkTimeout</c>: how long one storage request may take.</summary>
    public TimeSpan NetworkTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary><c>Storage:LeaseDuration</c>: the source lease's duration, 15 to 60 seconds; renewed while held.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>True when the service endpoints and a token credential are to be used instead of the connection string.</summary>
    public bool UsesIdentity => BlobServiceUri is not null;

    /// <summary>The name of a table, container or queue, with <see cref="NamePrefix"/> in front.</summary>
    public string Name(string name) => NamePrefix + name;

    /// <summary>
    /// What is wrong, a line per problem naming the setting at fault; <see cref="StorageOptionsValidator"/> runs this.
    /// Written out rather than annotated: some rules span settings, and every message names the key operators set
    /// (annotations name the property), the name prefix's its value too.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UsesIdentity && (TableServiceUri is null || QueueServiceUri is null))
        {
            yield return new("Storage:BlobServiceUri is set, so Storage:TableServiceUri and Storage:QueueServiceUri must be set too.");
        }
        if (!UsesIdentity && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new("ConnectionStrings:Storage is empty: give a connection string or Storage:BlobServiceUri.");
        }
        else if (!UsesIdentity && ConnectionStringProblem() is { } problem)
        {
            yield return new($"ConnectionStrings:Storage is not a storage connection string: {problem}");
        }
        if (NamePrefix.Length > 20
            || (NamePrefix.Length > 0 && !char.IsAsciiLetterLower(NamePrefix[0]))
            || !NamePrefix.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c)))
        {
            yield return new($"Storage:NamePrefix '{NamePrefix}' must be at most 20 lower-case letters and digits, starting with a letter (table names allow nothing else).");
        }
        if (SettingRules.Within("Storage:MaxRetries", MaxRetries, 0, 10) is { } retries)
        {
            yield return retries;
        }
        if (NetworkTimeout <= TimeSpan.Zero)
        {
            yield return new("Storage:NetworkTimeout must be positive.");
        }
        if (LeaseDuration < TimeSpan.FromSeconds(15) || LeaseDuration > TimeSpan.FromSeconds(60))
        {
            yield return new("Storage:LeaseDuration must be from 15 to 60 seconds (what blob leases allow).");
        }
    }

    // The clients parse the string when made, without a request; made here, a wrong one is a setting's error at
    // start rather than a stack trace from the first service that needs storage. Their messages name the part
    // at fault, never a key's value.
    private string? ConnectionStringProblem()
    {
        try
        {
            _ = new BlobServiceClient(ConnectionString);
            _ = new TableServiceClient(ConnectionString);
            _ = new QueueServiceClient(ConnectionString);
            return null;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return e.Message.ReplaceLineEndings(" ");
        }
    }
}

/// <summary>Checks <see cref="StorageOptions"/> when the host starts (generated).</summary>
[OptionsValidator]
internal sealed partial class StorageOptionsValidator : IValidateOptions<StorageOptions>;
