namespace Ankra.Mesh.Tunnel;

/// <summary>Why a tunnelled request failed; the edge maps each to a Kubernetes <c>Status</c> code.</summary>
public enum TunnelFailure
{
    /// <summary>No agent answered the open (NATS no-responders or open timeout): 503, "cluster … is offline".</summary>
    AgentUnavailable,

    /// <summary>The agent session the edge addressed was superseded (fenced): 503; re-resolve the session.</summary>
    StaleSession,

    /// <summary>The peer stopped answering mid-stream (killed, partitioned) and the idle timeout fired: 502.</summary>
    PeerLost,

    /// <summary>Too many concurrent streams for the agent session: 429.</summary>
    TooManyStreams,

    /// <summary>The request head exceeds <see cref="TunnelOptions.MaxHeaderBytes"/>: 431.</summary>
    HeadersTooLarge,

    /// <summary>The peer reset the stream; see <see cref="TunnelException.ResetReason"/>: 502.</summary>
    Reset,

    /// <summary>The peer broke the protocol (sequence gap or duplicate, window exceeded): 502.</summary>
    ProtocolError,

    /// <summary>The local side cancelled the stream (client went away, handler disposed).</summary>
    Cancelled,

    /// <summary>
    /// This side's own NATS connection is down (disconnected, reconnecting): 503 at once. Nothing was sent, so a
    /// mutating request did not reach the cluster; the cause is the gateway's bus, not the agent.
    /// </summary>
    BusUnavailable,
}
