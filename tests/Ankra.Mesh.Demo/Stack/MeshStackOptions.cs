using Ankra.Mesh.KubeSim.Hosting;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>How <see cref="MeshStack"/> starts the system.</summary>
public sealed class MeshStackOptions
{
    /// <summary>Folder for certificates, tokens, config files and the kubeconfig.</summary>
    public required string Directory { get; init; }

    /// <summary>HTTPS port of the edge; 0 picks a free one.</summary>
    public int EdgePort { get; init; }

    /// <summary>Run the durable set-up: PostgreSQL, a separate silo process, the edge as an Orleans client.</summary>
    public bool Postgres { get; init; }

    /// <summary>NATS servers: 1, or 3 for a routed cluster (edges, silos and the agent get every URL).</summary>
    public int NatsServers { get; init; } = 1;

    /// <summary>
    /// The scaled-out shape: PostgreSQL, 2 silos, 2 edges (Orleans clients) behind HAProxy (TCP mode, health
    /// checks on the edges' /readyz), a 3-server NATS cluster and 2 agent replicas. Implies <see cref="Postgres"/>.
    /// </summary>
    public bool HighAvailability { get; init; }

    /// <summary>Silo processes, edges and agent replicas to start (2 each with <see cref="HighAvailability"/>, else 1).</summary>
    internal int Replicas => HighAvailability ? 2 : 1;

    /// <summary>NATS servers to start (3 with <see cref="HighAvailability"/>).</summary>
    internal int NatsServerCount => HighAvailability ? 3 : NatsServers;

    /// <summary>True when state lives in PostgreSQL (also with <see cref="HighAvailability"/>).</summary>
    internal bool Durable => Postgres || HighAvailability;

    /// <summary>Hand the agent only the NATS server's wss:// URL (an agent behind a 443-only egress firewall); single server only.</summary>
    public bool AgentNatsOverWebSocket { get; init; }

    /// <summary>The first organisation.</summary>
    public string Organisation { get; init; } = "demo";

    /// <summary>The first admin (also the cluster's creator, so it gets a cluster-admin grant).</summary>
    public string AdminEmail { get; init; } = "admin@demo.local";

    /// <summary>Name of the imported cluster.</summary>
    public string ClusterName { get; init; } = "demo";

    /// <summary>Echo what the child processes print (the demo does; tests keep it for failure messages).</summary>
    public bool EchoOutput { get; init; }

    /// <summary>
    /// Start the development identity provider (tests/Ankra.Mesh.DevIdp) with <see cref="DemoUsers"/> and make the edge its
    /// relying party (<c>Mesh:Sso</c>), so the portal and <c>ankra login</c> work in a browser.
    /// </summary>
    public bool IdentityProvider { get; init; }

    /// <summary>People the identity provider knows; members among them are invited to the organisation at start.</summary>
    public IReadOnlyList<DemoUser> DemoUsers { get; init; } = DemoUser.Defaults;

    /// <summary>Extra settings for the simulated API server.</summary>
    public Action<KubeSimOptions>? KubeSim { get; init; }

    /// <summary>Extra settings for the edge process (configuration keys such as <c>Mesh:Edge:DecisionCacheTtl</c>).</summary>
    public IReadOnlyDictionary<string, string> EdgeSettings { get; init; } = new Dictionary<string, string>();

    /// <summary>Extra settings for the agent process (configuration keys such as <c>Mesh:Agent:MaxConcurrentStreamingRequests</c>).</summary>
    public IReadOnlyDictionary<string, string> AgentSettings { get; init; } = new Dictionary<string, string>();
}
