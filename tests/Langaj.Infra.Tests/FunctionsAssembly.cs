using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;
using Langaj.Testing;

namespace Langaj.Infra.Tests;

/// <summary>One <c>[Function]</c> method of the built src/Langaj.Functions, and the trigger attribute it binds.</summary>
internal sealed record FunctionMethod(string Name, MethodInfo Method)
{
    public CustomAttributeData Trigger =>
        Method.GetParameters().SelectMany(p => p.GetCustomAttributesData())
            .Single(a => a.AttributeType.Name.EndsWith("TriggerAttribute", StringComparison.Ordinal));

    public bool IsHttp => Trigger.AttributeType.FullName == "Microsoft.Azure.Functions.Worker.HttpTriggerAttribute";

    /// <summary>The HTTP trigger's Route, or null for a timer or queue function.</summary>
    public string? Route => IsHttp ? (string?)Trigger.NamedArguments.Single(a => a.MemberName == "Route").TypedValue.Value : null;

    /// <summary>Every string the trigger attribute is given: schedule, queue name, methods, route.</summary>
    public IEnumerable<string> TriggerStrings =>
        Trigger.ConstructorArguments.Concat(Trigger.NamedArguments.Select(a => a.TypedValue))
            .SelectMany(v => v.Value switch
            {
                string s => [s],
                IEnumerable<CustomAttributeTypedArgument> items => items.Select(i => i.Value).OfType<string>(),
                _ => [],
            });

    public override string ToString() => $"{Name} ({Method.DeclaringType!.Name}.{Method.Name})";
}

/// <summary>
/// The Functions app's assembly as its build wrote it, read in a MetadataLoadContext: inspected, never run,
/// so the checks see what ships (attributes, IL) rather than how the source happens to be written.
/// </summary>
internal static class FunctionsAssembly
{
    private const string FunctionAttribute = "Microsoft.Azure.Functions.Worker.FunctionAttribute";

    public static Assembly Assembly { get; } = Load();

    private static readonly MetadataReader Metadata = new PEReader(File.OpenRead(Assembly.Location)).GetMetadataReader();

    /// <summary>The public types that declare at least one <c>[Function]</c> method.</summary>
    public static IReadOnlyList<Type> FunctionClasses { get; } =
        Assembly.GetExportedTypes().Where(t => t.GetMethods(Declared).Any(IsFunction)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();

    public static IReadOnlyList<FunctionMethod> Functions { get; } =
        FunctionClasses.SelectMany(t => t.GetMethods(Declared)).Where(IsFunction)
            .Select(m => new FunctionMethod((string)m.GetCustomAttributesData().Single(IsFunctionAttribute).ConstructorArguments[0].Value!, m))
            .ToList();

    public const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    public static bool IsFunction(MethodInfo method) => method.GetCustomAttributesData().Any(IsFunctionAttribute);

    /// <summary>The method that holds the function's code: its async state machine's MoveNext when it is async.</summary>
    public static MethodInfo Body(MethodInfo method)
    {
        var stateMachine = method.GetCustomAttributesData().SingleOrDefault(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.AsyncStateMachineAttribute");
        return stateMachine is null ? method : ((Type)stateMachine.ConstructorArguments[0].Value!).GetMethod("MoveNext", Declared)!;
    }

    /// <summary>The methods the body's IL calls (call and callvirt), in order, as "Namespace.Type.Method".</summary>
    public static IEnumerable<string> Calls(MethodInfo body) =>
        IlInstruction.Read(body).Where(i => i.IsCall).Select(CalledMethod);

    /// <summary>The method a call instruction calls, as "Namespace.Type.Method".</summary>
    // A MetadataLoadContext cannot resolve tokens, so the token is read from the file's metadata.
    public static string CalledMethod(IlInstruction call) => CalledMethod(MetadataTokens.EntityHandle(call.MemberToken!.Value));

    /// <summary>The name of the field an instruction (ldfld, stfld...) reads or writes.</summary>
    public static string FieldName(IlInstruction access) => MetadataTokens.EntityHandle(access.MemberToken!.Value) switch
    {
        { Kind: HandleKind.FieldDefinition } field => Metadata.GetString(Metadata.GetFieldDefinition((FieldDefinitionHandle)field).Name),
        { Kind: HandleKind.MemberReference } field => Metadata.GetString(Metadata.GetMemberReference((MemberReferenceHandle)field).Name),
        var other => throw new InvalidOperationException($"A field access's token is a {other.Kind}, not a field."),
    };

    private static string CalledMethod(EntityHandle method) => method.Kind switch
    {
        HandleKind.MethodDefinition => Name(Metadata.GetMethodDefinition((MethodDefinitionHandle)method).GetDeclaringType(), Metadata.GetMethodDefinition((MethodDefinitionHandle)method).Name),
        HandleKind.MemberReference => Name(Metadata.GetMemberReference((MemberReferenceHandle)method).Parent, Metadata.GetMemberReference((MemberReferenceHandle)method).Name),
        HandleKind.MethodSpecification => CalledMethod(Metadata.GetMethodSpecification((MethodSpecificationHandle)method).Method),
        _ => throw new InvalidOperationException($"A call's token is a {method.Kind}, not a method."),
    };

    private static string Name(EntityHandle type, StringHandle member) => $"{TypeName(type)}.{Metadata.GetString(member)}";

    private static string TypeName(EntityHandle type)
    {
        switch (type.Kind)
        {
            case HandleKind.TypeDefinition:
                var definition = Metadata.GetTypeDefinition((TypeDefinitionHandle)type);
                return $"{Metadata.GetString(definition.Namespace)}.{Metadata.GetString(definition.Name)}";
            case HandleKind.TypeReference:
                var reference = Metadata.GetTypeReference((TypeReferenceHandle)type);
                return $"{Metadata.GetString(reference.Namespace)}.{Metadata.GetString(reference.Name)}";
            case HandleKind.TypeSpecification:
                // A generic instantiation (GENERICINST CLASS|VALUETYPE type ...): named by its generic type.
                var signature = Metadata.GetBlobReader(Metadata.GetTypeSpecification((TypeSpecificationHandle)type).Signature);
                signature.ReadSignatureTypeCode();
                signature.ReadSignatureTypeCode();
                return TypeName(signature.ReadTypeHandle());
            default:
                throw new InvalidOperationException($"A called method's parent is a {type.Kind}, not a type.");
        }
    }

    private static bool IsFunctionAttribute(CustomAttributeData attribute) => attribute.AttributeType.FullName == FunctionAttribute;

    private static Assembly Load()
    {
        var directory = Repository.FunctionsWorkerDirectory;
        var path = Path.Combine(directory, "Langaj.Functions.dll");
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The Functions app is not built at {path}; build tests/Langaj.Infra.Tests, which builds it first.");
        }
        // The app's own output holds its packages; the shared frameworks it runs on (runtime, ASP.NET Core)
        // are the ones this test process runs on. The app's copy wins where both hold an assembly.
        var frameworks = new[] { typeof(object), typeof(Microsoft.AspNetCore.Http.IResult) }
            .SelectMany(t => Directory.EnumerateFiles(Path.GetDirectoryName(t.Assembly.Location)!, "*.dll"));
        var assemblies = Directory.EnumerateFiles(directory, "*.dll").Concat(frameworks)
            .DistinctBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase);
        // Lives as long as the test process: the types it hands out are read across tests.
        var context = new MetadataLoadContext(new PathAssemblyResolver(assemblies));
        return context.LoadFromAssemblyPath(path);
    }
}
