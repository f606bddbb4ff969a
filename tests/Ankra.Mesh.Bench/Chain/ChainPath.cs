using System.Net;
using System.Net.Http.Headers;
using System.Net.Security;
using System.Net.WebSockets;
using Ankra.Mesh.PrivateCa;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// One way to reach the same KubeSim: a base URL (the edge's <c>/api/v1/clusters/{id}/k8s/</c>, KubeSim itself,
/// the <c>ssh -R</c> port or <c>kubectl proxy</c>), its bearer token and CA, and a kubeconfig for real kubectl.
/// The HTTP client keeps connections alive, as kubectl does.
/// </summary>
internal sealed class ChainPath : IDisposable
{
    private readonly RemoteCertificateValidationCallback? _trust;

    public ChainPath(string name, Uri baseUri, string? bearer, string? caFile, string kubeconfig)
    {
        Name = name;
        BaseUri = baseUri;
        Bearer = bearer;
        Kubeconfig = kubeconfig;
        _trust = caFile is null ? null : PrivateCaTrust.FromFile(caFile).Validate;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            AutomaticDecompression = DecompressionMethods.None,
            SslOptions = { RemoteCertificateValidationCallback = _trust },
        };
        Http = new HttpClient(handler) { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(60) };
        // kubectl speaks HTTP/2 over TLS: a second client for the figures that differ by protocol (plain HTTP has none).
        Http2 = caFile is null ? null : new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = _trust } })
        {
            BaseAddress = baseUri,
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        foreach (var client in new[] { Http, Http2 })
        {
            if (bearer is not null && client is not null)
            {
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
            }
        }
    }

    public string Name { get; }

    /// <summary>Processes besides the bench's own that serve this path's requests (CPU accounting; children included).</summary>
    public Dictionary<string, int> Processes { get; } = [];

    /// <summary>Ends with a slash; Kubernetes paths are appended without their leading slash.</summary>
    public Uri BaseUri { get; }

    public string? Bearer { get; }

    /// <summary>Keep-alive client with the path's base address, token and CA.</summary>
    public HttpClient Http { get; }

    /// <summary>The same over HTTP/2 (TLS paths only; null for plain HTTP).</summary>
    public HttpClient? Http2 { get; }

    public string Kubeconfig { get; }

    /// <summary>A WebSocket to <paramref name="relative"/> (ws/wss of the base URL) with the path's token and CA.</summary>
    public async Task<ClientWebSocket> ConnectWebSocketAsync(string relative, string subProtocol, CancellationToken cancellationToken = default)
    {
        var http = new Uri(BaseUri, relative);
        var uri = new UriBuilder(http) { Scheme = http.Scheme == Uri.UriSchemeHttps ? "wss" : "ws" }.Uri;
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(subProtocol);
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        if (Bearer is not null)
        {
            socket.Options.SetRequestHeader("Authorization", $"Bearer {Bearer}");
        }

        if (_trust is not null)
        {
            socket.Options.RemoteCertificateValidationCallback = _trust;
        }

        try
        {
            await socket.ConnectAsync(uri, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>TLS options that trust the path's CA (for clients of its own, such as the HTTP/2 watch fleet).</summary>
    public SslClientAuthenticationOptions CreateSslOptions() => new() { RemoteCertificateValidationCallback = _trust };

    public void Dispose()
    {
        Http.Dispose();
        Http2?.Dispose();
    }
}
