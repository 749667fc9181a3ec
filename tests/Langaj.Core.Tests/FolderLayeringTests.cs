using System.Reflection;
using Langaj.Core.Api;
using Langaj.Testing;

namespace Langaj.Core.Tests;

/// <summary>
/// Each folder of Langaj.Core uses only the folders upstream of it (README, "Layout"), read from the compiled
/// assembly: the types its members' signatures, base types and method bodies (IL tokens) name. Constants are
/// inlined by the compiler, so a constant borrowed from downstream is the one use this cannot see.
/// </summary>
public sealed class FolderLayeringTests
{
    /// <summary>Upstream first: a folder may use the folders before it, never one after it.</summary>
    private static readonly string[] Upstream = ["Extraction", "Fetching", "Storage", "Sources", "Feeds", "Scraping", "Api"];

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    [Fact]
    public void Every_folder_uses_only_folders_upstream_of_it()
    {
        var assembly = typeof(LangajApi).Assembly;
        var downstreamUses = new SortedSet<string>(StringComparer.Ordinal);
        var folders = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (Folder(type) is not { } folder)
            {
                continue;
            }
            folders.Add(folder);
            foreach (var used in UsedTypes(type))
            {
                if (Folder(used) is { } usedFolder && Array.IndexOf(Upstream, usedFolder) > Array.IndexOf(Upstream, folder))
                {
                    downstreamUses.Add($"{Outermost(type).FullName} ({folder}) uses {Outermost(used).FullName} ({usedFolder})");
                }
            }
        }

        Assert.Equal(Upstream.Order(StringComparer.Ordinal), folders.Order(StringComparer.Ordinal));
        Assert.Empty(downstreamUses);
    }

    /// <summary>The folder a type is declared in (<c>Langaj.Core.Scraping.Discovery</c> is in Scraping); null outside them.</summary>
    private static string? Folder(Type type)
    {
        var parts = (Outermost(type).Namespace ?? "").Split('.');
        return parts.Length > 2 && parts[0] == "Langaj" && parts[1] == "Core" ? parts[2] : null;
    }

    // Closures and async state machines are nested types: they belong to the type that declares them.
    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;

    private static IEnumerable<Type> UsedTypes(Type type)
    {
        var used = new List<Type?> { type.BaseType };
        used.AddRange(type.GetInterfaces());
        used.AddRange(type.GetFields(Declared).Select(f => f.FieldType));
        used.AddRange(type.GetProperties(Declared).Select(p => p.PropertyType));
        used.AddRange(type.GetEvents(Declared).Select(e => e.EventHandlerType));
        var methods = type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared));
        foreach (var method in methods)
        {
            used.AddRange(method.GetParameters().Select(p => p.ParameterType));
            if (method is MethodInfo info)
            {
                used.Add(info.ReturnType);
            }
            used.AddRange(BodyTypes(method));
        }
        return used.OfType<Type>().SelectMany(Unwrap);
    }

    /// <summary>The types a method body names: those it constructs, casts to, and whose members it calls or reads.</summary>
    private static IEnumerable<Type?> BodyTypes(MethodBase method)
    {
        var typeArguments = method.DeclaringType!.IsGenericType ? method.DeclaringType.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        foreach (var token in IlInstruction.Read(method).Select(i => i.MemberToken).OfType<int>())
        {
            var member = method.Module.ResolveMember(token, typeArguments, methodArguments);
            yield return member as Type ?? member?.DeclaringType;
            if (member is FieldInfo field)
            {
                yield return field.FieldType;
            }
        }
    }

    /// <summary>A type and those it is made of: element types of arrays and by-refs, and generic arguments.</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }
        return type.IsGenericType && !type.IsGenericTypeDefinition
            ? type.GetGenericArguments().SelectMany(Unwrap).Prepend(type.GetGenericTypeDefinition())
            : [type];
    }
}
