using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Langaj.Core.Api;

/// <summary>The operator key (configuration section <c>Operator</c>).</summary>
public sealed class OperatorOptions : IValidatableObject
{
    public const string SectionName = "Operator";

    /// <summary>Key required by operator endpoints, sent like an Azure Functions key; none disables them.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// A key that cannot travel in a header (a space, which HTTP trims, or a character outside ASCII) would refuse
    /// every operator, so it is refused at start; <see cref="OperatorOptionsValidator"/> runs this.
    /// </summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Key is { Length: > 0 } key && !key.All(c => c is > ' ' and <= '~'))
        {
            yield return new ValidationResult($"Operator:Key must be visible ASCII characters without spaces: it is sent in the {OperatorKeyFilter.Header} header.");
        }
    }
}

/// <summary>Checks <see cref="OperatorOptions"/> when the host starts (generated).</summary>
[OptionsValidator]
internal sealed partial class OperatorOptionsValidator : IValidateOptions<OperatorOptions>;

/// <summary>
/// Refuses operator requests without the key, sent as Azure Functions keys are (<c>x-functions-key</c>
/// header or <c>code</c> query parameter), so operators call both hosts the same way.
/// </summary>
public sealed class OperatorKeyFilter(IOptions<OperatorOptions> options) : IEndpointFilter
{
    /// <summary>The header that carries the key (Azure Functions' name for it).</summary>
    public const string Header = "x-functions-key";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var expected = options.Value.Key;
        if (string.IsNullOrEmpty(expected))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Operator endpoints disabled",
                detail: "Set Operator:Key to enable operator endpoints.");
        }
        var request = context.HttpContext.Request;
        var given = request.Headers[Header].FirstOrDefault() ?? request.Query["code"].FirstOrDefault();
        if (given is null || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Operator key required",
                detail: "Send the operator key in the x-functions-key header.");
        }
        return await next(context);
    }
}

/// <summary>Marks an endpoint that <see cref="OperatorKeyFilter"/> guards, so the API document says it needs the key.</summary>
public sealed class OperatorKeyRequired
{
    public static readonly OperatorKeyRequired Instance = new();

    private OperatorKeyRequired()
    {
    }
}

public static class OperatorKeyEndpointExtensions
{
    /// <summary>Guards an operator endpoint (or a group of them) with the operator key, and marks it so in the API document.</summary>
    public static TBuilder RequireOperatorKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, OperatorKeyFilter>().WithMetadata(
            OperatorKeyRequired.Instance,
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ProblemDetails), [LangajApi.ProblemContentType]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ProblemDetails), [LangajApi.ProblemContentType]));
}
