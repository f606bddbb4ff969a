using System.Net;
using Ankra.Mesh.Contracts.Http;
using Ankra.Mesh.Tunnel.Edge;
using Microsoft.AspNetCore.Http;
using Yarp.ReverseProxy.Forwarder;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Step 5 of the request path: shapes the outgoing request. The cluster prefix is removed from the path,
/// every client credential and identity header is dropped (the agent adds its own), and the tunnel is told
/// where to go, as whom, and with which original method (YARP turns a SPDY POST upgrade into GET).
/// Step 8 on the way back: a response head whose body has not started goes to kubectl at once.
/// </summary>
internal sealed class KubeProxyTransformer : HttpTransformer
{
    public static readonly KubeProxyTransformer Instance = new();

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        var request = (KubeProxyRequest)httpContext.Items[KubeProxyRequest.ItemKey]!;
        proxyRequest.RequestUri = new Uri(destinationPrefix.TrimEnd('/') + request.UpstreamPathAndQuery);
        IdentityHeaders.RemoveFrom(proxyRequest.Headers);

        proxyRequest.Options.Set(TunnelRequestOptions.Target, new TunnelTarget(request.ClusterId) { Sessions = request.Sessions });
        proxyRequest.Options.Set(TunnelRequestOptions.Identity, request.Identity);
        proxyRequest.Options.Set(TunnelRequestOptions.OriginalMethod, httpContext.Request.Method);
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        // Step 8: Kestrel holds a head until the first body write, and a watch with no events (or logs -f of
        // a quiet pod) writes nothing for minutes while kubectl waits for that head (rollout status, wait).
        // A 101 is left to YARP, which completes the upgrade itself.
        if (proceed && proxyResponse is not null && proxyResponse.StatusCode != HttpStatusCode.SwitchingProtocols
            && TunnelResponse.IsAwaitingBody(proxyResponse))
        {
            // StartAsync alone only fills Kestrel's buffer; the flush puts the head on the wire.
            await httpContext.Response.StartAsync(cancellationToken);
            await httpContext.Response.BodyWriter.FlushAsync(cancellationToken);
        }

        return proceed;
    }
}
