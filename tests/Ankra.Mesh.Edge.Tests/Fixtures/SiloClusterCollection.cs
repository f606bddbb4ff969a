namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>Tests sharing one PostgreSQL-backed silo cluster (each test leaves it healthy).</summary>
[CollectionDefinition(Name)]
public sealed class SiloClusterCollection : ICollectionFixture<SiloClusterFixture>
{
    public const string Name = "silo cluster";
}
