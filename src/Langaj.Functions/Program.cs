using Langaj.Core;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
// The worker's working directory is the Functions host's choice; the app's own files (sources.json) sit
// next to its assembly, so relative paths in settings resolve from there.
builder.Environment.ContentRootPath = AppContext.BaseDirectory;
builder.ConfigureFunctionsWebApplication();
builder.AddLangajCore();

var host = builder.Build();
await host.Services.EnsureLangajStorageAsync(CancellationToken.None);
await host.RunAsync();
