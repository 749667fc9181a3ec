
namespace Langaj.Integration.Tests.Storage;

/// <summary>The one Azurite collection of this test project: every class that needs storage joins it.</summary>
[CollectionDefinition(AzuriteFixture.Collection)]
public sealed class AzuriteCollection : AzuriteCollectionDefinition;
