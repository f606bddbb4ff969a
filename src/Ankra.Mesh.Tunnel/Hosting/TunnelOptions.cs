namespace Ankra.Mesh.Tunnel;

/// <summary>
/// Settings of the tunnel, bound from <c>Mesh:Tunnel</c> and shared by the edge handler and the agent
/// server. Both sides should use the same values; the window each side grants is announced on open.
/// </summary>
public sealed class TunnelOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Mesh:Tunnel";

    /// <summary>
    /// Bytes a peer may send on one stream before it must wait for credit. It bounds the memory a
    /// stream holds on the receiving side (design §3.5: order of 1–2 MiB). A stream's throughput is at most
    /// window / round-trip time, so the upper end of the range is the default (bulk copies, big LISTs).
    /// </summary>
    public int WindowSize { get; set; } = 2 * 1024 * 1024;

    /// <summary>Largest body chunk per frame; kept far below the NATS <c>max_payload</c> (1 MiB).</summary>
    public int ChunkSize { get; set; } = 64 * 1024;

    /// <summary>A stream whose peer sends nothing (not even a Pong) for this long is reset.</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(6);

    /// <summary>After this long without a frame from the peer a Ping is sent on the stream.</summary>
    public TimeSpan KeepaliveInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long the edge waits for the agent to accept a stream before giving up.</summary>
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the edge waits for the accept of an idempotent request before it tries another agent session
    /// of the cluster: a frozen or partitioned replica keeps its NATS queue subscription until the server's
    /// ping timeout (20-30 s), and must not hold requests for that long. The last attempt waits the full
    /// <see cref="OpenTimeout"/>; a mutating request is never retried, so it always does.
    /// </summary>
    public TimeSpan OpenAckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long a session that left a targeted open unanswered is avoided: new requests of its cluster go to
    /// the other sessions by name meanwhile. Longer than the NATS server's dead-connection detection
    /// (ping_interval × ping_max in deploy/nats/nats.conf), after which the session's subscriptions are gone anyway.
    /// </summary>
    public TimeSpan SuspectSessionTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long the agent may hold back its accept of a request without a body, so the API server's response
    /// head (and a small body, whole) travels with it: a small GET then costs two NATS messages instead of
    /// five. A slower API server gets a plain accept after this long and its head follows as a frame, so a
    /// client never waits longer for it. Keep it well below <see cref="OpenTimeout"/>; zero turns it off.
    /// </summary>
    public TimeSpan EarlyResponseWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Bytes a stream sends on the interactive lane before its data moves to the bulk lane (a second NATS
    /// connection on each side, when the side has one): a <c>kubectl cp</c>, a huge LIST or a port-forwarded
    /// download then never queues ahead of keystrokes, watch events and small requests on the shared
    /// connection. Zero keeps every stream on the interactive lane.
    /// </summary>
    public int BulkLaneThreshold { get; set; } = 256 * 1024;

    /// <summary>
    /// Concurrent streams one agent session serves (and one edge opens to one session). A backstop above the pools
    /// it carries: at least the edge's <c>Mesh:KubeProxy:MaxQuickRequestsPerCluster</c> +
    /// <c>MaxLongLivedRequestsPerCluster</c> (512 + 2,048) and the agent's <c>Mesh:Agent:MaxConcurrentUnaryRequests</c> +
    /// <c>MaxConcurrentStreamingRequests</c> (512 + 2,048), with room for streams still closing, so it never refuses a
    /// quick request the pools kept room for (both processes check this at start).
    /// </summary>
    public int MaxConcurrentStreamsPerSession { get; set; } = 3072;

    /// <summary>Largest request or response head (method, path, header names and values) in bytes.</summary>
    public int MaxHeaderBytes { get; set; } = 64 * 1024;
}
