namespace Ankra.Mesh.Agent.Kubernetes;

/// <summary>
/// Sends KubernetesClient's requests through a transport of ours instead of the handler the library builds.
/// The library's handler validates the API server's certificate with its own rule, which accepts any
/// certificate the system store trusts even when the cluster's CA is configured, and it sets that rule after
/// every hook we are given; so the typed client's requests leave through our handler, which applies
/// <see cref="Ankra.Mesh.PrivateCa.PrivateCaTrust"/> like proxied requests do. Credentials are already on the request.
/// </summary>
internal sealed class OwnTransportHandler(HttpMessageHandler transport) : DelegatingHandler
{
    private readonly HttpMessageInvoker _transport = new(transport, disposeHandler: true);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        _transport.SendAsync(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _transport.Dispose();
        }

        base.Dispose(disposing);
    }
}
