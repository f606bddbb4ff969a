using Ankra.Mesh.Tunnel.Edge;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Step 5 of the request path: shapes the outgoing request. The cluster prefix is removed from the path,
/// every client credential and identity header is dropped (the agent adds its own), and the tunnel is told
/// where to go, as whom, and with which original method (YARP turns a SPDY POST upgrade into GET).
/// </summary>
internal sealed class KubeProxyTransformer : HttpTransformer
{
    public static readonly KubeProxyTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = (KubeProxyRequest)httpContext.Items[KubeProxyRequest.ItemKey]!;
        proxyRequest.RequestUri = new Uri(destinationPrefix.TrimEnd('/') + request.UpstreamPathAndQuery);
        proxyRequest.Headers.Authorization = null;
        foreach (var name in proxyRequest.Headers.Select(header => header.Key).Where(ClientIdentityHeaders.IsIdentityHeader).ToList())
        {
            proxyRequest.Headers.Remove(name);
        }

        proxyRequest.Options.Set(TunnelRequestOptions.Target, new TunnelTarget(request.ClusterId));
        proxyRequest.Options.Set(TunnelRequestOptions.Identity, request.Identity);
        proxyRequest.Options.Set(TunnelRequestOptions.OriginalMethod, httpContext.Request.Method);
    }
}
