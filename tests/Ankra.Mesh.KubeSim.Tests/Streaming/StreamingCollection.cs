namespace Ankra.Mesh.KubeSim.Tests.Streaming;

/// <summary>
/// The kubectl streaming tests share one interim host and run one after another: each starts real
/// kubectl processes, and the machine's two cores are shared.
/// </summary>
[CollectionDefinition(Name)]
public sealed class StreamingCollection : ICollectionFixture<InterimStreamingHost>
{
    public const string Name = "KubeSim streaming with real kubectl";
}
