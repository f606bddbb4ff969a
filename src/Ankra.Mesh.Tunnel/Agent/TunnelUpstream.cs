using System.Net;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>Builds the handler the agent calls the API server with.</summary>
public static class TunnelUpstream
{
    /// <summary>
    /// A <see cref="SocketsHttpHandler"/> fit for the tunnel: never follows redirects (a redirect goes back
    /// to the client untouched), no cookies, no proxy, no automatic decompression (bytes pass as sent).
    /// Configure TLS (the API server's CA, client certificates) on the returned handler.
    /// </summary>
    public static SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
        EnableMultipleHttp2Connections = true,
    };
}
