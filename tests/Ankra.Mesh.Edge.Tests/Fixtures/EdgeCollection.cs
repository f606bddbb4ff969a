namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>Tests sharing one embedded edge (silo start-up is slow; every test uses its own users and clusters).</summary>
[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EmbeddedEdgeFixture>
{
    public const string Name = "embedded edge";
}
