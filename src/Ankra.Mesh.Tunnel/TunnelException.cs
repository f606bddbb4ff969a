using System.Net;
using Ankra.Mesh.Contracts.V1;

namespace Ankra.Mesh.Tunnel;

/// <summary>
/// A distinguishable tunnel failure. Thrown by <see cref="Edge.TunnelHttpMessageHandler"/> before a
/// response exists (YARP reports it through <c>IForwarderErrorFeature.Exception</c>) and by the response
/// stream mid-body. It derives from <see cref="HttpRequestException"/> so HTTP callers treat it as one.
/// </summary>
public sealed class TunnelException : HttpRequestException
{
    /// <summary>Creates an exception for <paramref name="failure"/>.</summary>
    public TunnelException(TunnelFailure failure, string message, ResetReason resetReason = ResetReason.Unspecified, Exception? inner = null)
        : base(message, inner, StatusFor(failure))
    {
        Failure = failure;
        ResetReason = resetReason;
    }

    /// <summary>What went wrong.</summary>
    public TunnelFailure Failure { get; }

    /// <summary>The reason the peer (or this side) gave when the stream was reset.</summary>
    public ResetReason ResetReason { get; }

    /// <summary>The HTTP status the edge should answer with (as a Kubernetes <c>Status</c>).</summary>
    public HttpStatusCode SuggestedStatusCode => StatusFor(Failure);

    /// <summary>The status for a failure kind (503, 502, 429, 431, 499-as-400).</summary>
    public static HttpStatusCode StatusFor(TunnelFailure failure) => failure switch
    {
        TunnelFailure.AgentUnavailable or TunnelFailure.StaleSession or TunnelFailure.BusUnavailable => HttpStatusCode.ServiceUnavailable,
        TunnelFailure.TooManyStreams => HttpStatusCode.TooManyRequests,
        TunnelFailure.HeadersTooLarge => HttpStatusCode.RequestHeaderFieldsTooLarge,
        TunnelFailure.Cancelled => HttpStatusCode.BadRequest,
        _ => HttpStatusCode.BadGateway,
    };

    /// <summary>The exception a received Reset frame turns into.</summary>
    internal static TunnelException FromReset(Reset reset) => reset.Reason switch
    {
        ResetReason.IdleTimeout => new TunnelException(TunnelFailure.PeerLost, $"the peer timed the stream out: {reset.Message}", reset.Reason),
        ResetReason.ProtocolError or ResetReason.FlowControlError => new TunnelException(TunnelFailure.ProtocolError, $"the peer reset the stream: {reset.Message}", reset.Reason),
        _ => new TunnelException(TunnelFailure.Reset, $"the peer reset the stream ({reset.Reason}): {reset.Message}", reset.Reason),
    };
}
