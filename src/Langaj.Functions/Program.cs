using Langaj.Core;
using Langaj.Core.Api;
using Langaj.Core.Scraping;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
// The worker's working directory is the Functions host's choice; the app's own files (sources.json) sit
// next to its assembly, so relative paths in settings resolve from there.
builder.Environment.ContentRootPath = AppContext.BaseDirectory;
builder.ConfigureFunctionsWebApplication();
// As in the local host: the read functions answer from memory without blocking, so a request runs on the
// thread its socket completed on instead of hopping to the thread pool.
builder.Services.Configure<SocketTransportOptions>(sockets => sockets.UnsafePreferInlineScheduling = true);
builder.AddLangajCore();
// The worker exports its own logs, traces and metrics; UseFunctionsWorkerDefaults tells the host not to relay its logs again.
builder.AddLangajTelemetry().UseFunctionsWorkerDefaults();
builder.RequireScrapeQueueNameSetting();
// Storage is created in the background, so the worker answers its host at once even when storage refuses
// or is unreachable; until it is ready the functions answer or fail naming the cause (StorageGate).
builder.Services.AddHostedService<StorageSetup>();
// The read functions answer OPTIONS and send CORS headers through the same Core code as the local host's read routes.
builder.UseMiddleware((context, next) =>
    PublicReads.RouteNames.Contains(context.FunctionDefinition.Name) && PublicReads.Answer(context.GetHttpContext()!) ? Task.CompletedTask : next());
builder.UseMiddleware((context, next) => StorageGate.InvokeAsync(context.FunctionDefinition.Name, context.InstanceServices, context.GetHttpContext(), next));

await builder.Build().RunAsync();
