namespace Ankra.Mesh.Deploy.Tests;

/// <summary>Test classes that read the rendered manifests share one rendering and validation run.</summary>
[CollectionDefinition(Name)]
public sealed class ManifestsCollection : ICollectionFixture<ManifestsFixture>
{
    public const string Name = "Rendered manifests";
}
