using System.CommandLine;
using Langaj.Cli.Commands;

var root = new RootCommand("Langaj: news sites in, clean feeds and an article API out.")
{
    ServeCommand.Create(),
    ScrapeCommand.Create(),
    ExtractCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
