using System.Reflection;
using System.Reflection.Emit;
using Langaj.Testing;

namespace Langaj.Infra.Tests;

/// <summary>
/// The function classes only bind and delegate: routing, validation, headers and rendering stay in
/// Langaj.Core, which the local host's tests exercise. Checked on the built assembly, so it holds whatever
/// the source looks like.
/// </summary>
public sealed class FunctionsThinnessTests
{
    // IL bytes of a function's code, measured on the Debug build (Release is smaller), with half again as
    // headroom: room for one more argument, not for a branch or a second call's handling of its result.
    // Async functions: today at most 217 (DeleteSource), of which about 170 are the state machine's own.
    private const int MaxAsyncBodyIL = 325;

    // Functions that return Core's task directly: today at most 31 (Home).
    private const int MaxDirectBodyIL = 48;

    // Program's async Main, measured the same way: today 435 bytes, its middleware lambdas at most 50
    // (the one-line CORS short-circuit), so a few more builder calls fit but a loop or a handler does not.
    private const int MaxProgramIL = 650;

    private const int MaxProgramLambdaIL = 75;

    private static readonly IReadOnlyList<FunctionMethod> Functions = FunctionsAssembly.Functions;

    [Fact]
    public void Function_classes_declare_nothing_but_functions()
    {
        Assert.NotEmpty(FunctionsAssembly.FunctionClasses);
        Assert.All(FunctionsAssembly.FunctionClasses, type =>
        {
            var stateMachines = type.GetMethods(FunctionsAssembly.Declared).Select(FunctionsAssembly.Body).Select(b => b.DeclaringType).ToHashSet();
            Assert.All(type.GetMembers(FunctionsAssembly.Declared), member => Assert.True(member switch
            {
                MethodInfo method => FunctionsAssembly.IsFunction(method),
                ConstructorInfo => true,
                // What a primary constructor's parameters become when the functions use them.
                FieldInfo field => field.Name.StartsWith('<') && field.Name.EndsWith(">P", StringComparison.Ordinal),
                Type nested => stateMachines.Contains(nested),
                _ => false,
            }, $"{type.Name} declares {member.MemberType} {member.Name}, which is not a [Function], a primary-constructor parameter or a function's state machine."));
        });
    }

    [Fact]
    public void The_app_has_no_types_but_function_classes_Program_and_generated_code()
    {
        // Generated: the Functions SDK's executor and metadata provider, the OpenAPI XML comment support.
        var own = FunctionsAssembly.Assembly.GetTypes()
            .Where(t => !t.IsNested && !t.GetCustomAttributesData().Any(a => a.AttributeType.FullName is "System.CodeDom.Compiler.GeneratedCodeAttribute" or "System.Runtime.CompilerServices.CompilerGeneratedAttribute"))
            .Select(t => t.FullName);

        Assert.Equal(FunctionsAssembly.FunctionClasses.Select(t => t.FullName).Append("Program").Order(StringComparer.Ordinal), own.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_function_body_is_a_few_instructions()
    {
        Assert.All(Functions, f =>
        {
            var body = FunctionsAssembly.Body(f.Method);
            Assert.InRange(body.GetMethodBody()!.GetILAsByteArray()!.Length, 1, body == f.Method ? MaxDirectBodyIL : MaxAsyncBodyIL);
        });
    }

    [Fact]
    public void Http_functions_call_a_LangajApi_handler_and_return_its_result()
    {
        var http = Functions.Where(f => f.IsHttp).ToList();

        Assert.NotEmpty(http);
        Assert.All(http, f =>
        {
            Assert.Single(FunctionsAssembly.Calls(FunctionsAssembly.Body(f.Method)), c => c.StartsWith("Langaj.Core.Api.LangajApi.", StringComparison.Ordinal));
            Assert.Equal("System.Threading.Tasks.Task`1[Microsoft.AspNetCore.Http.IResult]", f.Method.ReturnType.ToString());
        });
    }

    [Fact]
    public void Other_functions_call_one_Langaj_Core_method()
    {
        var others = Functions.Where(f => !f.IsHttp).ToList();

        Assert.Equal(["EnqueueDueSources", "ScrapeQueuedSource"], others.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(others, f => Assert.Single(FunctionsAssembly.Calls(FunctionsAssembly.Body(f.Method)), c => c.StartsWith("Langaj.Core.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_function_takes_the_invocation_cancellation_token_last()
    {
        // So that a cancelled invocation (client gone, host shutting down) can stop the work in Langaj.Core too.
        Assert.All(Functions, f => Assert.Equal("System.Threading.CancellationToken", f.Method.GetParameters()[^1].ParameterType.FullName));
    }

    [Fact]
    public void Every_function_hands_its_cancellation_token_to_the_Langaj_Core_call_it_makes()
    {
        // Taking the token is not enough: a call given CancellationToken.None or default runs on after the
        // invocation is cancelled. Langaj.Core takes the token last, so it is what the IL pushes just before the call.
        Assert.All(Functions, f =>
        {
            var body = FunctionsAssembly.Body(f.Method);
            var instructions = IlInstruction.Read(body).ToList();
            var call = instructions.FindIndex(i => i.IsCall && FunctionsAssembly.CalledMethod(i).StartsWith("Langaj.Core.", StringComparison.Ordinal));
            Assert.True(call > 0, $"{f} makes no call into Langaj.Core.");
            Assert.True(PushesInvocationToken(f, body, instructions[call - 1]),
                $"{f} does not pass its CancellationToken (or its FunctionContext's, or the request's RequestAborted) to {FunctionsAssembly.CalledMethod(instructions[call])}.");
        });
    }

    /// <summary>Whether the instruction pushes the invocation's token: the function's parameter, or the token its context or request carries.</summary>
    private static bool PushesInvocationToken(FunctionMethod function, MethodInfo body, IlInstruction pushed)
    {
        if (pushed.IsCall && FunctionsAssembly.CalledMethod(pushed) is "Microsoft.Azure.Functions.Worker.FunctionContext.get_CancellationToken" or "Microsoft.AspNetCore.Http.HttpContext.get_RequestAborted")
        {
            return true;
        }
        return function.Method.GetParameters().SingleOrDefault(p => p.ParameterType.FullName == "System.Threading.CancellationToken") is { } token
            && (body == function.Method
                ? pushed.LoadedArgument == token.Position + (function.Method.IsStatic ? 0 : 1)
                // An async function's parameters live in its state machine, in fields named after them.
                : pushed.OpCode == OpCodes.Ldfld && FunctionsAssembly.FieldName(pushed) == token.Name);
    }

    [Fact]
    public void Program_only_composes_the_host()
    {
        var program = FunctionsAssembly.Assembly.GetType("Program", throwOnError: true)!;
        var main = FunctionsAssembly.Body(program.GetMethod("<Main>$", FunctionsAssembly.Declared)!);
        var calls = FunctionsAssembly.Calls(main).ToList();
        // The middleware lambdas, compiled into Program's nested closure class.
        var lambdas = program.GetNestedTypes(FunctionsAssembly.Declared).SelectMany(t => t.GetMethods(FunctionsAssembly.Declared)).Where(m => m.Name.StartsWith('<')).ToList();

        Assert.Equal(["<Main>", "<Main>$"], program.GetMethods(FunctionsAssembly.Declared).Select(m => m.Name).Order(StringComparer.Ordinal));
        Assert.True(
            calls.IndexOf("Microsoft.Azure.Functions.Worker.Builder.FunctionsApplication.CreateBuilder") is >= 0 and var create
            && calls.IndexOf("Microsoft.Azure.Functions.Worker.Builder.FunctionsApplicationBuilderAspNetCoreExtensions.ConfigureFunctionsWebApplication") > create
            && calls.IndexOf("Langaj.Core.LangajCoreExtensions.AddLangajCore") > create,
            string.Join(", ", calls));
        Assert.InRange(main.GetMethodBody()!.GetILAsByteArray()!.Length, 1, MaxProgramIL);
        Assert.NotEmpty(lambdas);
        Assert.All(lambdas, l => Assert.InRange(l.GetMethodBody()!.GetILAsByteArray()!.Length, 1, MaxProgramLambdaIL));
    }
}
