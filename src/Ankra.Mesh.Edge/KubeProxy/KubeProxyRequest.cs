using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>What the proxy decided about one request, handed from the handler to the transformer.</summary>
internal sealed record KubeProxyRequest(string ClusterId, string UpstreamPathAndQuery, Identity Identity)
{
    public static readonly object ItemKey = new();
}
