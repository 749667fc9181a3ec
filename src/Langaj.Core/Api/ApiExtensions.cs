using System.Text.Encodings.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Api;

public static class ApiExtensions
{
    /// <summary>
    /// Registers what the HTTP surface needs in both hosts: JSON and problem details as the API answers them,
    /// <see cref="OperatorOptions"/> from section <c>Operator</c>, and CORS for the read routes from section <c>Cors</c>.
    /// </summary>
    public static IHostApplicationBuilder AddLangajApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        // Both hosts serialize API results with these options, so they answer the same bytes.
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping);
        services.AddProblemDetails();
        services.AddOptions<OperatorOptions>().BindConfiguration(OperatorOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<OperatorOptions>, OperatorOptionsValidator>();
        services.AddOptions<CorsOptions>().BindConfiguration(CorsOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsOptions>, CorsOptionsValidator>();
        services.AddCors();
        services.AddSingleton<PublicReadPolicy>();
        return builder;
    }
}
