using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// What the proxy decided about one request, handed from the handler to the transformer; <paramref name="Sessions"/>
/// are the cluster's agent sessions the control plane knows, where the tunnel goes by name when a replica does not answer.
/// </summary>
internal sealed record KubeProxyRequest(string ClusterId, string UpstreamPathAndQuery, Identity Identity, IReadOnlyList<string> Sessions)
{
    public static readonly object ItemKey = new();
}
