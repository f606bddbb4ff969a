using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;

namespace Ankra.Mesh.EndToEnd.Tests.Faults;

/// <summary>
/// A stack whose edge (hosting the grains, so announcing access changes itself) connects with a NATS user that may not
/// publish access events: nats-server refuses every one, so revocation has only the edges' periodic re-check.
/// </summary>
public sealed class LostEventsFixture : StackFixture
{
    /// <summary>The decision-cache TTL of the edge: the bound on revocation without events.</summary>
    public static readonly TimeSpan DecisionCacheTtl = TimeSpan.FromSeconds(5);

    protected override MeshStackOptions Options(string directory) => new()
    {
        Directory = directory,
        EdgeNatsPermissions = MeshNatsPermissions.Edge(hostsGrains: false, "_INBOX"),
        EdgeSettings = new Dictionary<string, string> { ["Mesh:Edge:DecisionCacheTtl"] = DecisionCacheTtl.ToString() },
    };
}
