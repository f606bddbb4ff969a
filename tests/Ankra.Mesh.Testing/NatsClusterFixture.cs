using System.Text.Json;
using Ankra.Mesh.NatsAuth;
using NATS.Client.Core;

namespace Ankra.Mesh.Testing;

/// <summary>
/// Three real nats-servers in one cluster on loopback (full mesh of routes), sharing one key set and one CA
/// as production members do. <see cref="InitializeAsync"/> returns once every server routes to both others.
/// <see cref="KillAsync"/> and <see cref="StartAsync"/> serve failover tests. Usable directly as an xunit
/// class or collection fixture.
/// </summary>
public sealed class NatsClusterFixture : IAsyncLifetime
{
    /// <summary>Members: the smallest cluster that keeps a majority when one is lost.</summary>
    public const int Size = 3;

    private static readonly TimeSpan RouteTimeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-nats-cluster-").FullName;
    private readonly List<NatsServerFixture> _servers = [];

    /// <summary>The three servers (empty before <see cref="InitializeAsync"/>).</summary>
    public IReadOnlyList<NatsServerFixture> Servers => _servers;

    /// <summary>The operator, accounts and signing key every member trusts.</summary>
    public NatsKeySet Keys { get; } = NatsKeySet.Generate();

    /// <summary>The CA every member's certificate chains to.</summary>
    public TestCertificateAuthority? Tls { get; private set; }

    /// <summary>PEM of the CA clients pin.</summary>
    public string CaPath => Tls?.CaPath ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>All members' client URLs, comma-separated (what NatsOpts.Url takes for a cluster).</summary>
    public string Urls => string.Join(',', _servers.Select(server => server.Url));

    /// <summary>Options for a client that knows every member (fresh user JWT, CA pinned); it fails over by itself.</summary>
    public NatsOpts ClientOpts(string name, NatsPermissions? permissions = null) => _servers[0].ClientOpts(Urls, name, permissions);

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Tls = TestCertificateAuthority.Create(Path.Combine(_directory, "tls"));
        var routePorts = Enumerable.Range(0, Size).Select(_ => FreePort.Next()).ToArray();
        for (var i = 0; i < Size; i++)
        {
            _servers.Add(new NatsServerFixture(new NatsServerFixtureOptions
            {
                Keys = Keys,
                Tls = Tls,
                ClusterPort = routePorts[i],
                Routes = [.. routePorts.Where((_, j) => j != i)],
            }));
        }

        foreach (var server in _servers)
        {
            await server.InitializeAsync();
        }

        await WaitForRoutesAsync();
    }

    /// <summary>Kills member <paramref name="index"/> with SIGKILL, by process id.</summary>
    public Task KillAsync(int index) => _servers[index].KillAsync();

    /// <summary>Starts member <paramref name="index"/> again on its ports; returns once the routes are whole again.</summary>
    public async Task StartAsync(int index)
    {
        await _servers[index].StartAsync();
        await WaitForRoutesAsync();
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        Directory.Delete(_directory, recursive: true);
    }

    /// <summary>
    /// Waits until every running member routes to every other running member. nats-server raises no event for
    /// this, so its own <c>/routez</c> is read until it says so (distinct remote ids, since two members may
    /// briefly hold a duplicate route before one is dropped).
    /// </summary>
    private async Task WaitForRoutesAsync()
    {
        var running = _servers.Where(server => server.Process is not null).ToList();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var deadline = new CancellationTokenSource(RouteTimeout);
        var last = string.Empty;
        try
        {
            while (true)
            {
                var complete = true;
                foreach (var server in running)
                {
                    last = await http.GetStringAsync($"{server.MonitorUrl}/routez", deadline.Token);
                    complete &= RemoteIds(last) >= running.Count - 1;
                }

                if (complete)
                {
                    return;
                }

                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"The cluster's routes were not complete within {RouteTimeout}. Last /routez:\n{last}");
        }
    }

    private static int RemoteIds(string routez)
    {
        using var document = JsonDocument.Parse(routez);
        return document.RootElement.TryGetProperty("routes", out var routes) && routes.ValueKind == JsonValueKind.Array
            ? routes.EnumerateArray().Select(route => route.GetProperty("remote_id").GetString()).Distinct().Count()
            : 0;
    }
}
