using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.Demo.Stack;

/// <summary>
/// The scaled-out shape's load balancer: HAProxy in TCP mode in front of the edges — it terminates nothing,
/// so kubectl's TLS, gRPC's HTTP/2 and upgrades pass through — taking an edge out when its /readyz (on the
/// edge's internal HTTP port) fails twice in a row, as a cloud load balancer does with the manifests' probe.
/// </summary>
public sealed partial class MeshStack
{
    private const string HaproxyBinary = "/usr/sbin/haproxy";

    /// <summary>How often HAProxy probes each edge, and how many failures take one out (and successes bring it back).</summary>
    private static readonly TimeSpan HealthCheckInterval = TimeSpan.FromMilliseconds(500);

    private const int HealthCheckFailures = 2;

    private void SetAgent(int replica, ChildProcess? agent)
    {
        if (agent is null)
        {
            AgentReplicas.Remove(replica);
        }
        else
        {
            AgentReplicas[replica] = agent;
        }
    }

    private async Task StartLoadBalancerAsync(int port, CancellationToken cancellationToken)
    {
        if (!File.Exists(HaproxyBinary))
        {
            throw new InvalidOperationException("haproxy is not installed; run `./mesh deps` (apt-get install -y haproxy).");
        }

        // Every edge ready first: HAProxy's first check would otherwise meet a cold /readyz (JIT, the first Orleans
        // gateway check), time out and take the edge out for a few rounds, with kubectl refused meanwhile.
        foreach (var url in EdgeHealthUrls)
        {
            await WaitUntilReadyAsync(url, cancellationToken);
        }

        var servers = Edges.Select((edge, i) =>
        {
            var tls = new Uri(EdgeDirectUrls[i]);
            var health = new Uri(EdgeHealthUrls[i]);
            return $"  server edge-{i} 127.0.0.1:{tls.Port} check port {health.Port}";
        });
        var configPath = Path.Combine(Directory, "haproxy.cfg");
        await File.WriteAllTextAsync(configPath, string.Create(CultureInfo.InvariantCulture, $"""
            # Written by MeshStack: TCP pass-through to the edges, health-checked on their internal /readyz.
            global
              # Two descriptors per proxied connection must fit the process limit (ulimit -n).
              maxconn 4096
            defaults
              mode tcp
              timeout connect 5s
              # A check waits this long for /readyz (without it, the 500 ms interval): an edge slowed by a busy machine
              # stays in; a frozen one still fails every check and is out within 2 intervals plus 2 of these.
              timeout check 2s
              # Watches, logs -f, exec and port-forward hold a connection for as long as the user wants.
              timeout client 1h
              timeout server 1h
              timeout tunnel 1h
            frontend kubectl
              bind 127.0.0.1:{port}
              default_backend edges
            backend edges
              balance leastconn
              option httpchk GET /readyz
              http-check expect status 200
              default-server inter {(int)HealthCheckInterval.TotalMilliseconds} fall {HealthCheckFailures} rise {HealthCheckFailures}
            {string.Join('\n', servers)}

            """), cancellationToken);

        // -db: stay in the foreground (stopped by pid with the stack); -W is not wanted, one process is enough.
        var startInfo = new ProcessStartInfo(HaproxyBinary) { ArgumentList = { "-db", "-f", configPath } };
        LoadBalancer = Own(ChildProcess.Start("haproxy", startInfo, logFile: LogFile("haproxy")));
        await WaitUntilAcceptingAsync(LoadBalancer, port, cancellationToken);
        await WaitUntilServingAsync(LoadBalancer, cancellationToken);
    }

    /// <summary>
    /// HAProxy accepts before its first health checks passed; wait until a request through it reaches an edge (any HTTP
    /// answer: health is not served on the public port, and without a ready edge HAProxy closes the connection instead).
    /// </summary>
    private async Task WaitUntilServingAsync(ChildProcess balancer, CancellationToken cancellationToken)
    {
        using var client = EdgeClient();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative), deadline.Token);
                return;
            }
            catch (HttpRequestException) when (balancer.IsRunning)
            {
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    private static async Task WaitUntilReadyAsync(string internalUrl, CancellationToken cancellationToken)
    {
        using var client = InternalClient(internalUrl);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/readyz", UriKind.Relative), deadline.Token);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, deadline.Token);
        }
    }

    /// <summary>The edges' internal listeners (health and metrics, <c>Mesh:Telemetry:InternalUrl</c>), in <see cref="Edges"/> order.</summary>
    public List<string> EdgeHealthUrls { get; } = [];

    /// <summary>A plain HTTP client for an internal listener (<see cref="EdgeHealthUrls"/>, <see cref="SiloInternalUrls"/>, <see cref="AgentInternalUrls"/>).</summary>
    public static HttpClient InternalClient(string internalUrl) => new() { BaseAddress = new Uri(internalUrl), Timeout = CliTimeout };

    /// <summary>The silo processes' internal listeners (health and metrics), in start order.</summary>
    public List<string> SiloInternalUrls { get; } = [];

    /// <summary>Each agent replica's internal listener (health and metrics), by replica.</summary>
    public Dictionary<int, string> AgentInternalUrls { get; } = [];

    private static async Task WaitUntilAcceptingAsync(ChildProcess process, int port, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(StartTimeout);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync("127.0.0.1", port, deadline.Token);
                return;
            }
            catch (SocketException) when (process.IsRunning)
            {
                await Task.Delay(100, deadline.Token);
            }
            catch (SocketException)
            {
                throw new InvalidOperationException($"{process.Name} exited before accepting connections:\n{process.RecentOutput}");
            }
        }
    }
}
