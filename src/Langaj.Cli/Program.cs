using System.CommandLine;
using Azure;
using Langaj.Cli.Commands;
using Langaj.Cli.Hosting;
using Langaj.Core.Sources;
using Langaj.Core.Storage;
using Microsoft.Extensions.Options;

// Kestrel runs the read routes on the I/O thread (LocalServer: UnsafePreferInlineScheduling); the runtime's
// sockets then complete inline too, as ASP.NET Core's documentation of that setting recommends: a fifth more
// feeds per second (bench/feeds). Extraction, the one long piece of work after I/O, leaves the I/O thread
// (ArticleExtractor.ExtractAsync). Read when the first socket is used, so set before anything else; an
// operator's own value stands.
const string InlineSocketCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
if (Environment.GetEnvironmentVariable(InlineSocketCompletions) is null)
{
    Environment.SetEnvironmentVariable(InlineSocketCompletions, "1");
}

var storage = new Option<string?>("--storage")
{
    Description = "A storage account connection string (default: ConnectionStrings:Storage, else a local Azurite).",
    Recursive = true,
};

var root = new RootCommand("Langaj: news sites in, clean feeds and an article API out.")
{
    ServeCommand.Create(),
    ScrapeCommand.Create(),
    ExtractCommand.Create(),
    RecleanCommand.Create(),
    SourcesCommand.Create(),
    storage,
};
var parsed = root.Parse(args);
if (parsed.GetValue(storage) is { Length: > 0 } connectionString)
{
    // Read as every other setting is: the hosts' configuration includes the environment.
    Environment.SetEnvironmentVariable($"ConnectionStrings__{StorageOptions.ConnectionStringName}", connectionString);
}
try
{
    return await parsed.InvokeAsync(new InvocationConfiguration
    {
        EnableDefaultExceptionHandler = false,
        // Ctrl+C and SIGTERM cancel the verb, which then releases its leases and stops its emulator gracefully:
        // time for that, not the default two seconds after which the process would end under it.
        ProcessTerminationTimeout = TimeSpan.FromSeconds(60),
    });
}
catch (SourcesFileException e)
{
    // An operator's mistake, not a crash: the message names the source and the field.
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (OptionsValidationException e)
{
    // A wrong setting: each failure already names the setting, one line for them all.
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
{
    // Wrong settings in several sections, as serve's start finds them all at once: a line for each section.
    foreach (var inner in e.InnerExceptions)
    {
        Console.Error.WriteLine(inner.Message);
    }
    return 2;
}
catch (RequestFailedException e)
{
    // Storage down or refusing at start (creating the tables and containers) or during a verb: the cause, not a stack trace.
    Console.Error.WriteLine($"Storage failed: {StorageFailure.Describe(e)}");
    return 3;
}
catch (EmulatorUnavailableException e)
{
    // Nothing to store into: say what to install or give, not a stack trace.
    Console.Error.WriteLine(e.Message);
    return 3;
}
