using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// The per-request inputs of <see cref="TunnelHttpMessageHandler"/>. The edge proxy sets them on
/// <see cref="HttpRequestMessage.Options"/> (e.g. in a YARP <c>HttpTransformer.TransformRequestAsync</c>):
/// <code>
/// proxyRequest.Options.Set(TunnelRequestOptions.Target, new TunnelTarget(clusterId, sessionId));
/// proxyRequest.Options.Set(TunnelRequestOptions.Identity, new Identity { User = ..., RequestId = ... });
/// proxyRequest.Options.Set(TunnelRequestOptions.OriginalMethod, httpContext.Request.Method);
/// </code>
/// </summary>
public static class TunnelRequestOptions
{
    /// <summary>Required: the cluster (and optionally agent session) to send the request to.</summary>
    public static readonly HttpRequestOptionsKey<TunnelTarget> Target = new("Ankra.Mesh.Tunnel.Target");

    /// <summary>The identity the agent impersonates; never taken from client headers.</summary>
    public static readonly HttpRequestOptionsKey<Identity> Identity = new("Ankra.Mesh.Tunnel.Identity");

    /// <summary>
    /// The client's original method. YARP sends every upgrade as <c>GET</c>, but a SPDY exec or
    /// port-forward is a <c>POST</c> the API server must see as such. When absent, the request's own method is used.
    /// </summary>
    public static readonly HttpRequestOptionsKey<string> OriginalMethod = new("Ankra.Mesh.Tunnel.OriginalMethod");
}
