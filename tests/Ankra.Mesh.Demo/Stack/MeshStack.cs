using System.Globalization;
using System.Text.Json.Nodes;
using Ankra.Mesh.KubeSim.Hosting;
using Ankra.Mesh.Testing;
using Xunit;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>
/// The whole system on loopback, started the way an operator and a user would: a real nats-server,
/// the edge process (embedded silo, or PostgreSQL plus a silo process), the simulated API server, an agent
/// process registered with a token from <c>ankra cluster import</c>, and a kubeconfig written by
/// <c>ankra cluster kubeconfig add</c> (HTTPS, exec-credential mode through the built <c>ankra</c>).
/// Every process is stopped by its id on disposal.
/// </summary>
public sealed partial class MeshStack : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly MeshStackOptions _options;
    private readonly List<IAsyncDisposable> _owned = [];

    private MeshStack(MeshStackOptions options, TestCertificateAuthority certificates)
    {
        _options = options;
        Certificates = certificates;
        Directory = options.Directory;
    }

    public string Directory { get; }

    public TestCertificateAuthority Certificates { get; }

    /// <summary>The (first) NATS server: operator-mode auth, TLS with the stack's throwaway CA.</summary>
    public NatsServerFixture Nats { get; private set; } = null!;

    /// <summary>All three servers when <see cref="MeshStackOptions.NatsServers"/> is 3; otherwise null.</summary>
    public NatsClusterFixture? NatsCluster { get; private set; }

    /// <summary>The agent's log file (every line it printed, across restarts).</summary>
    public string AgentLogFile => LogFile("agent");

    public PostgresFixture? Postgres { get; private set; }

    public KubeSimHost KubeSim { get; private set; } = null!;

    /// <summary>The first edge (the one that bootstrapped the organisation).</summary>
    public ChildProcess Edge => Edges[0];

    /// <summary>Every edge process (2 with <see cref="MeshStackOptions.HighAvailability"/>).</summary>
    public List<ChildProcess> Edges { get; } = [];

    /// <summary>Each edge's own HTTPS URL (behind the load balancer when there is one).</summary>
    public List<string> EdgeDirectUrls { get; } = [];

    /// <summary>The first silo process (durable set-ups only).</summary>
    public ChildProcess? Silo => Silos.Count > 0 ? Silos[0] : null;

    /// <summary>Every silo process.</summary>
    public List<ChildProcess> Silos { get; } = [];

    /// <summary>HAProxy in front of the edges (<see cref="MeshStackOptions.HighAvailability"/>); null otherwise.</summary>
    public ChildProcess? LoadBalancer { get; private set; }

    /// <summary>Agent replica 0 (what single-replica tests stop and start).</summary>
    public ChildProcess? Agent
    {
        get => AgentReplicas.GetValueOrDefault(0);
        private set => SetAgent(0, value);
    }

    /// <summary>Running agent replicas by index (replica id <c>agent-{index}</c>).</summary>
    public Dictionary<int, ChildProcess> AgentReplicas { get; } = [];

    /// <summary>The edge's public HTTPS URL (REST, gRPC and the kube proxy).</summary>
    public string EdgeUrl { get; private set; } = "";

    public string AdminToken { get; private set; } = "";

    public string ClusterId { get; private set; } = "";

    /// <summary>The admin's <c>ankra --config</c> file (a user's own <c>~/.ankra.yaml</c> is never touched).</summary>
    public string AnkraConfig => Path.Combine(Directory, "ankra.yaml");

    /// <summary>The kubeconfig <c>ankra cluster kubeconfig add</c> wrote.</summary>
    public string Kubeconfig => Path.Combine(Directory, "kubeconfig");

    public string RegistrationTokenFile => Path.Combine(Directory, "registration.token");

    public static async Task<MeshStack> StartAsync(MeshStackOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        System.IO.Directory.CreateDirectory(options.Directory);
        System.IO.Directory.CreateDirectory(Path.Combine(options.Directory, "logs"));
        var stack = new MeshStack(options, TestCertificateAuthority.Create(Path.Combine(options.Directory, "tls")));
        try
        {
            await stack.StartServicesAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            await stack.BootstrapClusterAsync(cancellationToken).WaitAsync(StartTimeout, cancellationToken);
            if (options.IdentityProvider)
            {
                await stack.InviteDemoUsersAsync(cancellationToken);
            }
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Reverse start order: the agent and edge first, so nothing reconnects to a service being stopped.
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        _owned.Clear();
    }

    private async Task StartServicesAsync(CancellationToken cancellationToken)
    {
        if (_options.NatsServerCount > 1)
        {
            NatsCluster = new NatsClusterFixture();
            await NatsCluster.InitializeAsync();
            _owned.Add(new AsyncLifetimeScope(NatsCluster));
            Nats = NatsCluster.Servers[0];
        }
        else
        {
            Nats = new NatsServerFixture(new NatsServerFixtureOptions { WebSocket = _options.AgentNatsOverWebSocket });
            await Nats.InitializeAsync();
            _owned.Add(new AsyncLifetimeScope(Nats));
        }

        KubeSim = await KubeSimHost.StartAsync(o =>
        {
            o.CaFile = Path.Combine(Directory, "kubesim-ca.crt");
            _options.KubeSim?.Invoke(o);
        }, cancellationToken);
        _owned.Add(KubeSim);
        KubeSim.Seed(DemoWorkload.Json);

        var orleans = new Dictionary<string, string>();
        if (_options.Durable)
        {
            Postgres = new PostgresFixture();
            await Postgres.InitializeAsync();
            _owned.Add(new AsyncLifetimeScope(Postgres));
            orleans["Mesh:Orleans:Mode"] = "AdoNet";
            orleans["Mesh:Orleans:ConnectionString"] = OrleansConnectionString = await Postgres.CreateDatabaseAsync();
            orleans["Mesh:Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
            for (var i = 0; i < _options.Replicas; i++)
            {
                Silos.Add(await StartSiloAsync(orleans, i));
            }

            // Durable state outlives one edge process, so the kube token key must come from configuration too.
            orleans["Mesh:KubeTokens:Keys:0:Id"] = "demo";
            orleans["Mesh:KubeTokens:Keys:0:Secret"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        }
        else
        {
            orleans["Mesh:Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
            orleans["Mesh:Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        }

        // The public URL (the edge's own, or the load balancer's) is chosen first: edges and the IdP name it.
        var publicPort = _options.EdgePort == 0 ? FreePort.Next() : _options.EdgePort;
        if (_options.IdentityProvider)
        {
            foreach (var (key, value) in await StartIdentityProviderAsync($"https://127.0.0.1:{publicPort}", cancellationToken))
            {
                orleans[key] = value;
            }
        }

        for (var i = 0; i < _options.Replicas; i++)
        {
            Edges.Add(await StartEdgeAsync(orleans, i, publicPort));
        }

        if (_options.HighAvailability)
        {
            await StartLoadBalancerAsync(publicPort, cancellationToken);
        }

        AdminToken = (await File.ReadAllTextAsync(Path.Combine(Directory, "admin.token"), cancellationToken)).Trim();
    }

    private async Task<ChildProcess> StartSiloAsync(Dictionary<string, string> orleans, int index)
    {
        var settings = new Dictionary<string, string>(orleans)
        {
            ["Mesh:Orleans:SiloPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // Each silo its own gateway port: on one loopback address a shared one let both silos listen on it, and an
            // edge whose gateway connections all landed on the killed silo had none left (issue 14's failover suite).
            ["Mesh:Orleans:GatewayPort"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            // The silo's only HTTP listener: metrics and health (README "Telemetry").
            ["Mesh:Telemetry:InternalUrl"] = $"http://127.0.0.1:{FreePort.Next()}",
        };
        SiloInternalUrls.Add(settings["Mesh:Telemetry:InternalUrl"]);
        foreach (var (key, value) in NatsSettings())
        {
            settings[key] = value;
        }

        _siloSettings.Add(settings);
        return await StartSiloProcessAsync(index);
    }

    private async Task<ChildProcess> StartEdgeAsync(Dictionary<string, string> orleans, int index, int publicPort)
    {
        // Behind a load balancer every edge listens on a port of its own; alone, the edge owns the public port.
        var port = _options.HighAvailability || index > 0 ? FreePort.Next() : publicPort;
        var direct = $"https://127.0.0.1:{port}";
        EdgeDirectUrls.Add(direct);
        var health = $"http://127.0.0.1:{FreePort.Next()}";
        EdgeHealthUrls.Add(health);
        EdgeUrl = $"https://127.0.0.1:{publicPort}";
        var settings = new Dictionary<string, string>(orleans)
        {
            ["Kestrel:Endpoints:Https:Url"] = direct,
            ["Kestrel:Endpoints:Https:Protocols"] = "Http1AndHttp2",
            ["Kestrel:Endpoints:Https:Certificate:Path"] = Certificates.CertificatePath,
            ["Kestrel:Endpoints:Https:Certificate:KeyPath"] = Certificates.KeyPath,
            // Probes and metrics are on the internal listener only (the load balancer checks /readyz there), as in k8s/control-plane.
            ["Mesh:Telemetry:InternalUrl"] = health,
            ["Mesh:Edge:PublicBaseUrl"] = EdgeUrl,
        };
        if (index == 0)
        {
            // Bootstrap belongs to one edge: others would rotate each other's token file.
            settings["Mesh:Bootstrap:Organisation"] = _options.Organisation;
            settings["Mesh:Bootstrap:AdminEmail"] = _options.AdminEmail;
            settings["Mesh:Bootstrap:TokenFile"] = Path.Combine(Directory, "admin.token");
        }

        foreach (var (key, value) in NatsSettings().Concat(_options.EdgeSettings))
        {
            settings[key] = value;
        }

        if (_options.EdgeNatsPermissions is { } permissions)
        {
            settings["Mesh:Nats:CredsFile"] = Nats.WriteCredsFile($"edge-{index}", permissions);
        }

        _edgeSettings.Add(settings);
        return await StartEdgeProcessAsync(index);
    }

    /// <summary>How edges and silos reach NATS: the stack's operator-mode server over TLS, the account signing key, the CA.</summary>
    private Dictionary<string, string> NatsSettings()
    {
        var settings = MeshNatsSettings.For(Nats, Path.Combine(Directory, "nats"), NatsCluster?.Urls);
        if (_options.AgentNatsOverWebSocket)
        {
            settings["Mesh:Edge:AgentNatsUrls:0"] = Nats.WebSocketUrl;
        }

        return settings;
    }

    private ChildProcess Own(ChildProcess process)
    {
        _owned.Add(process);
        return process;
    }

    private string LogFile(string name) => Path.Combine(Directory, "logs", $"{name}.log");

    /// <summary>Reads a JSON answer of the CLI.</summary>
    private static JsonNode ParseJson(ProcessResult result) =>
        JsonNode.Parse(result.StandardOutput) ?? throw new InvalidOperationException($"ankra printed no JSON:\n{result}");

    /// <summary>Disposes an xunit lifetime fixture as part of the stack.</summary>
    private sealed class AsyncLifetimeScope(IAsyncLifetime fixture) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await fixture.DisposeAsync();
    }
}
