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
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (SourcesFileException e)
{
    // An operator's mistake, not a crash: the message names the source and the field.
    Console.Error.WriteLine(e.Message);
    return 2;
}
