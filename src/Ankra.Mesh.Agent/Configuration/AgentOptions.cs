namespace Ankra.Mesh.Agent.Configuration;

/// <summary>The agent's settings (<c>Mesh:Agent</c>).</summary>
public sealed class AgentOptions
{
    public const string SectionName = "Mesh:Agent";

    /// <summary>The cluster's registration token, given inline (prefer <see cref="RegistrationTokenFile"/>).</summary>
    public string? RegistrationToken { get; set; }

    /// <summary>File holding the registration token (a mounted Secret); read at every registration, so rotation needs no restart.</summary>
    public string? RegistrationTokenFile { get; set; }

    /// <summary>The edge's gRPC URL, e.g. <c>https://mesh.example.com</c>.</summary>
    public string EdgeUrl { get; set; } = "";

    /// <summary>Stable id of this replica ([a-z0-9-], ≤ 63); defaults to the pod name (POD_NAME) or host name.</summary>
    public string? ReplicaId { get; set; }

    /// <summary>PEM file of a private CA that signs the edge's certificate (when it is not publicly trusted).</summary>
    public string? EdgeCaFile { get; set; }

    /// <summary>
    /// PEM file of the CA that signs the NATS servers' certificates; when set, only that CA is trusted for
    /// <c>tls://</c> and <c>wss://</c> NATS URLs (a publicly trusted certificate does not pass).
    /// </summary>
    public string? NatsCaFile { get; set; }

    /// <summary>Accept the edge's certificate without verification (development only).</summary>
    public bool EdgeInsecureSkipTlsVerify { get; set; }

    /// <summary>First delay before re-registering after a failure; doubles up to <see cref="MaxReconnectDelay"/>, with full jitter.</summary>
    public TimeSpan MinReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Longest delay between registration attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Namespace of the Lease the replicas elect their grant reconciler with (the agent's own namespace).</summary>
    public string LeaseNamespace { get; set; } = "ankra";

    /// <summary>How long a reconciler's lease lasts without renewal: the longest time no replica reconciles after the leader dies.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long in-flight streams may finish after SIGTERM before they are cut.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// Proxied requests that complete quickly (get, list, create …) served at once, from every edge together. Not
    /// below one edge's <c>Mesh:KubeProxy:MaxQuickRequestsPerCluster</c> (512), so one edge's quick pool fits whole.
    /// </summary>
    public int MaxConcurrentUnaryRequests { get; set; } = 512;

    /// <summary>
    /// Long-lived proxied requests (watch, logs -f, exec, attach, port-forward) served at once, from every edge
    /// together; a pool apart from the quick one, so held streams never take the room of quick requests. Not below one
    /// edge's <c>Mesh:KubeProxy:MaxLongLivedRequestsPerCluster</c> (2,048).
    /// </summary>
    public int MaxConcurrentStreamingRequests { get; set; } = 2048;

    /// <summary>How to reach the cluster's API server.</summary>
    public ApiServerOptions ApiServer { get; set; } = new();
}
