using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Edge.Tests.Fixtures;

/// <summary>
/// Production topology on one machine: PostgreSQL (AdoNet clustering and grain storage), two silo
/// processes, two edges (Orleans clients) sharing kube-token keys, and a real nats-server.
/// Failure detection is tuned down so a killed silo is declared dead in seconds.
/// </summary>
public sealed class SiloClusterFixture : IAsyncLifetime
{
    /// <summary>The per-user mint limit the silos enforce.</summary>
    public const int MintsPerMinute = 4;

    /// <summary>The most agent sessions a cluster keeps in this fixture.</summary>
    public const int MaxSessionsPerCluster = 8;

    private readonly string _tokenFile = Path.Combine(Path.GetTempPath(), $"mesh-silos-{Guid.NewGuid():N}.token");
    private Dictionary<string, string> _settings = [];
    private Dictionary<string, string?> _edgeSettings = [];

    public PostgresFixture Postgres { get; } = new();

    public NatsServerFixture Nats { get; } = new();

    internal SiloProcess[] Silos { get; private set; } = [];

    internal EdgeHost[] Edges { get; private set; } = [];

    public string AdminToken { get; private set; } = string.Empty;

    /// <summary>The database holding this cluster's Orleans tables.</summary>
    public string ConnectionString { get; private set; } = string.Empty;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Postgres.InitializeAsync(), Nats.InitializeAsync());
        var connectionString = ConnectionString = await Postgres.CreateDatabaseAsync();
        _settings = new Dictionary<string, string>(MeshNatsSettings.For(Nats, Path.Combine(Path.GetTempPath(), $"mesh-silos-{Guid.NewGuid():N}")))
        {
            ["Mesh:Orleans:Mode"] = "AdoNet",
            ["Mesh:Orleans:ConnectionString"] = connectionString,
            ["Mesh:Orleans:ClusterId"] = "durability",
            ["Mesh:ControlPlane:MintsPerMinute"] = MintsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Agent sessions expire in seconds, so the session tests wait seconds; no other test here runs agents.
            ["Mesh:ControlPlane:CheckInInterval"] = "00:00:01",
            ["Mesh:ControlPlane:OfflineAfter"] = "00:00:05",
            ["Mesh:ControlPlane:SessionExpiry"] = "00:00:05",
            ["Mesh:ControlPlane:MaxSessionsPerCluster"] = MaxSessionsPerCluster.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mesh:Orleans:Membership:ProbeTimeout"] = "00:00:01",
            ["Mesh:Orleans:Membership:NumMissedProbesLimit"] = "2",
            ["Mesh:Orleans:Membership:NumVotesForDeathDeclaration"] = "1",
            ["Mesh:Orleans:Membership:TableRefreshTimeout"] = "00:00:02",
            ["Mesh:Orleans:Membership:IAmAliveTablePublishTimeout"] = "00:00:05",
            ["Mesh:Orleans:Gateway:GatewayListRefreshPeriod"] = "00:00:02",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
        Silos = [new SiloProcess("silo-a", _settings), new SiloProcess("silo-b", _settings)];
        await Task.WhenAll(Silos.Select(s => s.StartAsync()));

        var edge = _edgeSettings = new Dictionary<string, string?>(_settings.ToDictionary(kv => kv.Key, kv => (string?)kv.Value))
        {
            ["Mesh:KubeTokens:Keys:0:Id"] = "k1",
            ["Mesh:KubeTokens:Keys:0:Secret"] = Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray()),
            ["Mesh:Edge:DecisionCacheTtl"] = "00:00:30",
        };
        var first = await EdgeHost.StartAsync(new Dictionary<string, string?>(edge)
        {
            ["Mesh:Bootstrap:Organisation"] = "durable",
            ["Mesh:Bootstrap:AdminEmail"] = "admin@durable.test",
            ["Mesh:Bootstrap:TokenFile"] = _tokenFile,
        });
        Edges = [first, await EdgeHost.StartAsync(edge)];
        AdminToken = (await File.ReadAllTextAsync(_tokenFile)).Trim();
    }

    /// <summary>Starts one more edge configured like the fixture's, plus <paramref name="extra"/>; the caller disposes it.</summary>
    internal Task<EdgeHost> StartEdgeAsync(IReadOnlyDictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>(_edgeSettings);
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return EdgeHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        foreach (var edge in Edges)
        {
            await edge.DisposeAsync();
        }

        foreach (var silo in Silos)
        {
            await silo.DisposeAsync();
        }

        await Task.WhenAll(Nats.DisposeAsync(), Postgres.DisposeAsync());
        File.Delete(_tokenFile);
    }
}
