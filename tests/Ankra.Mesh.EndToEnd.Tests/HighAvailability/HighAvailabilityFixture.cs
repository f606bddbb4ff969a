using Ankra.Mesh.Demo.Stack;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>The scaled-out stack of <c>./mesh demo --ha</c>: 2 silos, 2 edges behind HAProxy, 3 NATS servers, 2 agent replicas.</summary>
public sealed class HighAvailabilityFixture : StackFixture
{
    protected override MeshStackOptions Options(string directory) => new() { Directory = directory, HighAvailability = true };
}
