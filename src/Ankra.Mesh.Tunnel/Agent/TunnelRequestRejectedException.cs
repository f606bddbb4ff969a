using System.Net;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>
/// Thrown by a <see cref="TunnelRequestRewriter"/> to refuse a request: the client receives
/// <see cref="StatusCode"/> with <see cref="Body"/> (e.g. a Kubernetes <c>Status</c> JSON) and the API server is not called.
/// </summary>
public sealed class TunnelRequestRejectedException : Exception
{
    /// <summary>Creates a rejection.</summary>
    public TunnelRequestRejectedException(HttpStatusCode statusCode, string body, string contentType = "application/json")
        : base($"request rejected with {(int)statusCode}")
    {
        StatusCode = statusCode;
        Body = body;
        ContentType = contentType;
    }

    /// <summary>The status the client gets.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The response body.</summary>
    public string Body { get; }

    /// <summary>The body's media type.</summary>
    public string ContentType { get; }
}
