using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests.Bus;

/// <summary>A stack on a 3-server NATS cluster: edges, silos and the agent get every server's URL.</summary>
public sealed class ClusteredBusFixture : StackFixture
{
    protected override MeshStackOptions Options(string directory) => new() { Directory = directory, NatsServers = 3 };
}
