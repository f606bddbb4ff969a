namespace Ankra.Mesh.Grains.Tests.Fixtures;

/// <summary>Grain-rule tests share one test silo and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GrainClusterCollection : ICollectionFixture<GrainClusterFixture>
{
    public const string Name = "grain cluster";
}
