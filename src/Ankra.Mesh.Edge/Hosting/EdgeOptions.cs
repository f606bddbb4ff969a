namespace Ankra.Mesh.Edge.Hosting;

/// <summary>The edge's own settings (<c>Mesh:Edge</c>).</summary>
public sealed class EdgeOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Edge";

    /// <summary>Public base URL (scheme://host[:port]) used in <c>server</c> fields; default: the request's scheme and host.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>When false, access, token, kubeconfig and proxy endpoints answer 404.</summary>
    public bool AccessGatewayEnabled { get; set; } = true;

    /// <summary>Largest JSON request body the REST API accepts (413 above).</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>How long an edge may reuse an authorization decision; access-changed events drop it sooner.</summary>
    public TimeSpan DecisionCacheTtl { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Most decisions an edge keeps (one per cluster, user and token generation asked within the TTL); past it new
    /// answers are not kept until expired or least recently used ones make room, and requests still work, asking the grain.
    /// </summary>
    public int DecisionCacheMaxEntries { get; set; } = 100_000;

    /// <summary>
    /// NATS URLs handed to agents at registration: the addresses customer clusters reach from outside
    /// (<c>tls://</c>, or <c>wss://</c> through an egress firewall that allows only 443). Default:
    /// <c>Mesh:Nats:Url</c>, which is right only when agents and edges share a network.
    /// </summary>
    public IList<string> AgentNatsUrls { get; } = [];

    /// <summary>API token lifetime when a create request names none.</summary>
    public int DefaultTokenExpiryDays { get; set; } = 90;

    /// <summary>Longest API token lifetime a user may ask for.</summary>
    public int MaxTokenExpiryDays { get; set; } = 365;

    /// <summary>
    /// How long a stopping edge lets in-flight requests (watches, <c>logs -f</c>, exec) finish before it cuts
    /// them; it is the host's shutdown timeout. Keep the pod's <c>terminationGracePeriodSeconds</c> above it
    /// (k8s/control-plane/edge.yaml), or the kubelet kills the edge mid-drain.
    /// </summary>
    public TimeSpan ShutdownDrainTimeout { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The agent image the served install manifests name (<c>GET /api/v1/clusters/{id}/agent/install.yaml</c>):
    /// <c>REPOSITORY:TAG</c> or <c>REPOSITORY@sha256:DIGEST</c>; release deployments pin a digest.
    /// </summary>
    public string AgentImage { get; set; } = "ankra-mesh/agent:0.1.0";

    /// <summary>
    /// PEM file of the CA that signed the NATS servers' certificate as agents see it; the install manifests then pin
    /// it (k8s/agent/components/nats-ca). Default: <c>Mesh:Nats:CaFile</c>; leave both empty for a publicly trusted NATS.
    /// </summary>
    public string? AgentNatsCaFile { get; set; }
}
