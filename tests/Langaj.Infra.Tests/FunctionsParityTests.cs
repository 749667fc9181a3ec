namespace Langaj.Infra.Tests;

/// <summary>
/// The Functions app serves exactly the routes the local host maps, with the same handlers, so that a
/// test of the local host is a test of the Functions app and the two cannot drift apart.
/// </summary>
public sealed class FunctionsParityTests
{
    private static readonly IReadOnlyList<LocalRoute> Local = FunctionsSource.LocalRoutes();
    private static readonly IReadOnlyList<FunctionDeclaration> Functions = FunctionsSource.Functions();

    [Fact]
    public void Both_sources_were_read()
    {
        // Guards the parsers: a Map call or trigger they failed to read would escape the comparisons below.
        Assert.NotEmpty(Local);
        Assert.Equal(FunctionsSource.LocalMapCallCount(), Local.Count);
        Assert.Equal(FunctionsSource.HttpTriggerCount(), Functions.Count(f => f.Http is not null));
    }

    [Fact]
    public void Every_local_route_has_a_function_with_the_same_method_and_route_and_no_more()
    {
        var local = Local.Select(r => $"{r.Method} {r.Route}").Order(StringComparer.Ordinal);
        var functions = Functions.Where(f => f.Http is not null).Select(f => $"{f.Http!.Method} {f.Http.Route}").Order(StringComparer.Ordinal);

        Assert.Equal(local, functions);
    }

    [Fact]
    public void Each_function_calls_the_handler_the_local_host_maps_to_its_route()
    {
        foreach (var route in Local)
        {
            var function = Functions.Single(f => f.Http is { } http && http.Method == route.Method && http.Route == route.Route);
            Assert.StartsWith($"LangajApi.{route.Handler}(", function.Body.Replace("await ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Reads_are_anonymous_and_everything_else_needs_a_function_key()
    {
        Assert.All(Functions.Where(f => f.Http is not null), f =>
            Assert.Equal(f.Http!.Method == "GET HEAD OPTIONS" ? "Anonymous" : "Function", f.Http.AuthorizationLevel));
        Assert.Contains(Functions, f => f.Http is { Method: "POST", Route: "sources/{id}/scrape", AuthorizationLevel: "Function" });
    }

    [Fact]
    public void Function_names_match_the_local_route_names()
    {
        var names = Repository.ReadText("src", "Langaj.Core", "Api", "LangajApi.cs");

        Assert.All(Functions.Where(f => f.Http is not null), f =>
            Assert.Contains($".WithName(\"{f.Name}\")", names, StringComparison.Ordinal));
    }
}
