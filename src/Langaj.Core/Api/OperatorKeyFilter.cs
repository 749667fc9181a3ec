using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Api;

/// <summary>The operator key (configuration section <c>Operator</c>).</summary>
public sealed class OperatorOptions
{
    /// <summary>Key required by operator endpoints, sent like an Azure Functions key.</summary>
    public string? Key { get; set; }
}

/// <summary>
/// Refuses operator requests without the key, sent as Azure Functions keys are (<c>x-functions-key</c>
/// header or <c>code</c> query parameter), so operators call both hosts the same way.
/// </summary>
public sealed class OperatorKeyFilter(IOptions<OperatorOptions> options) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.Key;
        if (string.IsNullOrEmpty(expected))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Operator endpoints disabled",
                detail: "Set Operator:Key to enable operator endpoints.");
        }
        var request = context.HttpContext.Request;
        var given = request.Headers["x-functions-key"].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Operator key required",
                detail: "Send the operator key in the x-functions-key header.");
        }
        return await next(context);
    }
}
