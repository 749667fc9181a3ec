namespace Langaj.Core.Sources;

/// <summary>The configured sources, loaded once from <c>sources.json</c> (or given in code, as the demo does).</summary>
public sealed class SourceCatalog(IReadOnlyList<SourceDefinition> sources)
{
    public IReadOnlyList<SourceDefinition> Sources { get; } = sources;

    public SourceDefinition? Find(string id) =>
        Sources.FirstOrDefault(s => string.Equals(s.Id, id, StringComparison.Ordinal));
}
