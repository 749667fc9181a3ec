using Langaj.Core;
using Langaj.Core.Storage;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.AddLangajCore();

var host = builder.Build();
// Containers and tables are named in code, not in infra/, so the app creates them (idempotent) before serving.
await host.Services.GetRequiredService<ArticleStore>().EnsureCreatedAsync(CancellationToken.None);
await host.RunAsync();
