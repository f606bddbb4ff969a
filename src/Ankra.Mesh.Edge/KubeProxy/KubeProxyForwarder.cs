using System.Net;
using Ankra.Mesh.Tunnel.Edge;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// YARP's forwarder over the tunnel handler. HTTP/1.1 towards the tunnel so upgrades (exec, attach,
/// port-forward) stay HTTP/1.1 upgrades end to end; the destination host is only a placeholder — the
/// tunnel routes by <see cref="TunnelRequestOptions.Target"/>.
/// </summary>
internal sealed class KubeProxyForwarder : IDisposable
{
    private const string Destination = "http://cluster.tunnel/";

    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _invoker;
    private readonly ForwarderRequestConfig _config;

    public KubeProxyForwarder(IHttpForwarder forwarder, TunnelHttpMessageHandler tunnel, IOptions<KubeProxyOptions> options)
    {
        _forwarder = forwarder;
        _invoker = new HttpMessageInvoker(tunnel, disposeHandler: false);
        _config = new ForwarderRequestConfig
        {
            ActivityTimeout = options.Value.ActivityTimeout,
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            AllowResponseBuffering = false,
        };
    }

    /// <summary>Forwards the request; returns the failure when there was one (null on success or when the client left).</summary>
    public async Task<Exception?> ForwardAsync(HttpContext context)
    {
        var error = await _forwarder.SendAsync(context, Destination, _invoker, _config, KubeProxyTransformer.Instance);
        if (error is ForwarderError.None or ForwarderError.RequestCanceled or ForwarderError.UpgradeRequestCanceled
            or ForwarderError.ResponseBodyCanceled or ForwarderError.RequestBodyCanceled)
        {
            return null;
        }

        return context.GetForwarderErrorFeature()?.Exception ?? new HttpRequestException($"forwarding failed: {error}");
    }

    public void Dispose() => _invoker.Dispose();
}
