using System.CommandLine;
using Langaj.Cli.Commands;
using Langaj.Core.Sources;

var root = new RootCommand("Langaj: news sites in, clean feeds and an article API out.")
{
    ServeCommand.Create(),
    ScrapeCommand.Create(),
    ExtractCommand.Create(),
    RecleanCommand.Create(),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration
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
