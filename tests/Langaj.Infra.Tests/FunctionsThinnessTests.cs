using System.Text.RegularExpressions;

namespace Langaj.Infra.Tests;

/// <summary>
/// The function classes only bind and delegate: routing, validation, headers and rendering stay in
/// Langaj.Core, which the local host's tests exercise.
/// </summary>
public sealed partial class FunctionsThinnessTests
{
    private static readonly IReadOnlyList<FunctionDeclaration> Functions = FunctionsSource.Functions();

    [Fact]
    public void Http_functions_are_one_expression_that_returns_a_LangajApi_handler_result()
    {
        var http = Functions.Where(f => f.Http is not null).ToList();

        Assert.NotEmpty(http);
        Assert.All(http, f =>
        {
            Assert.True(f.ExpressionBodied, $"{f} should be `=> LangajApi.Handler(...)` (awaited when the handler's result is typed).");
            Assert.Matches(SingleLangajApiCall(), f.Body);
            Assert.Contains("Task<IResult>", f.Signature, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Other_functions_are_one_call_into_Langaj_Core_and_at_most_one_log_line()
    {
        var others = Functions.Where(f => f.Http is null).ToList();

        Assert.Equal(["EnqueueDueSources", "ScrapeQueuedSource"], others.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(others, f =>
        {
            Assert.InRange(f.ExpressionBodied ? 1 : FunctionsSource.TopLevelStatements(f.Body), 1, 2);
            Assert.DoesNotMatch(ControlFlow(), f.Body);
        });
    }

    [Fact]
    public void Every_function_takes_the_invocation_cancellation_token()
    {
        // So that a cancelled invocation (client gone, host shutting down) stops the work in Langaj.Core too.
        Assert.All(Functions, f => Assert.EndsWith("CancellationToken cancellationToken)", f.Signature, StringComparison.Ordinal));
        Assert.All(Functions, f => Assert.Contains("cancellationToken)", f.Body, StringComparison.Ordinal));
    }

    [Fact]
    public void Function_classes_declare_nothing_but_functions()
    {
        foreach (var file in Directory.EnumerateFiles(Repository.FunctionsProject, "*.cs").Where(f => Path.GetFileName(f) != "Program.cs"))
        {
            var text = File.ReadAllText(file);
            Assert.True(
                PublicMethod().Count(text) == Functions.Count(f => f.File == Path.GetFileName(file)),
                $"{Path.GetFileName(file)} declares a public method that is not a [Function].");
            Assert.DoesNotMatch(NonPublicMember(), text);
        }
    }

    [Fact]
    public void Program_only_composes_the_host()
    {
        var program = Repository.ReadText("src", "Langaj.Functions", "Program.cs");

        Assert.Contains("FunctionsApplication.CreateBuilder(args)", program, StringComparison.Ordinal);
        Assert.Contains("builder.ConfigureFunctionsWebApplication();", program, StringComparison.Ordinal);
        Assert.Contains("builder.AddLangajCore();", program, StringComparison.Ordinal);
        Assert.DoesNotMatch(ControlFlow(), program);
    }

    [GeneratedRegex(@"^(await )?LangajApi\.\w+\([^;{}]*\)$", RegexOptions.Singleline)]
    private static partial Regex SingleLangajApiCall();

    [GeneratedRegex(@"\b(if|else|for|foreach|while|switch|try|catch)\b")]
    private static partial Regex ControlFlow();

    [GeneratedRegex(@"\bpublic\s+(?:async\s+)?Task(?:<IResult>)?\s+\w+\(")]
    private static partial Regex PublicMethod();

    [GeneratedRegex(@"\b(private|internal|protected)\s+(?!readonly\b)[\w<>?,\s]+\s+\w+\s*\(")]
    private static partial Regex NonPublicMember();
}
