using System.Diagnostics;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Npgsql;

namespace Ankra.Mesh.Demo.Chaos;

/// <summary>
/// Injects one <see cref="ChaosFault"/> into the scaled-out stack and restores it, checking that the victim's peers
/// took it back: the edge UP in HAProxy again, the silo active in the Orleans membership (the killed one declared
/// dead), the NATS routes whole, the agent replica serving opens again, every silo ready on PostgreSQL.
/// </summary>
internal sealed class FaultInjector(MeshStack stack, Stopwatch clock)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(5) };

    /// <summary>How long a frozen edge stays frozen after HAProxy took it out, while the load runs on.</summary>
    public static readonly TimeSpan FrozenAfterTakenOut = TimeSpan.FromSeconds(5);

    public Task<InjectedFault> InjectAsync(ChaosFault fault, int watchEdge, int watchAgent) => fault switch
    {
        ChaosFault.EdgeKilled => KillEdgeAsync(Math.Max(watchEdge, 0)),
        ChaosFault.SiloKilled => KillSiloAsync(0),
        ChaosFault.NatsServerKilled => KillNatsServerAsync(Math.Max(watchAgent, 0)),
        ChaosFault.AgentReplicaKilled => KillAgentAsync(Math.Max(watchAgent, 0)),
        ChaosFault.PostgresRestarted => RestartPostgresAsync(),
        ChaosFault.EdgeFrozen => FreezeEdgeAsync(Math.Max(watchEdge, 0)),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    private async Task<InjectedFault> KillEdgeAsync(int index)
    {
        var balancer = Balancer();
        var up = balancer.WaitForLineAsync(line => line.Contains($"edge-{index} is UP", StringComparison.Ordinal), Deadline * 2, includeEarlier: false);
        var at = clock.Elapsed;
        await stack.KillEdgeAsync(index);
        return new InjectedFault
        {
            Victim = $"edge-{index}",
            At = at,
            RestoreAsync = async () =>
            {
                await stack.RestartEdgeAsync(index);
                await up;
                return (true, "UP in HAProxy again");
            },
        };
    }

    private async Task<InjectedFault> KillSiloAsync(int index)
    {
        var deadBefore = await MembersAsync(status: 6);
        var at = clock.Elapsed;
        await stack.KillSiloAsync(index);
        return new InjectedFault
        {
            Victim = $"silo-{index}",
            At = at,
            RestoreAsync = async () =>
            {
                await stack.RestartSiloAsync(index);
                // Orleans raises no event outside the cluster; its membership table is the shared truth, read until it agrees.
                var recovered = await UntilAsync(async () => await MembersAsync(status: 3) == stack.Silos.Count && await MembersAsync(status: 6) > deadBefore);
                return (recovered, recovered ? $"{stack.Silos.Count} silos active in the membership, the killed one dead" : "membership not whole");
            },
        };
    }

    private async Task<InjectedFault> KillNatsServerAsync(int agentReplica)
    {
        var cluster = stack.NatsCluster ?? throw new InvalidOperationException("the stack runs one NATS server");
        var victim = 0;
        for (var i = 0; i < cluster.Servers.Count; i++)
        {
            if ((await ConnectionNamesAsync(cluster.Servers[i])).Any(name => name.StartsWith($"ankra-agent-agent-{agentReplica}", StringComparison.Ordinal)))
            {
                victim = i;
                break;
            }
        }

        var at = clock.Elapsed;
        await cluster.KillAsync(victim);
        return new InjectedFault
        {
            Victim = $"nats-{victim} (agent-{agentReplica}'s server)",
            At = at,
            RestoreAsync = async () =>
            {
                await cluster.StartAsync(victim);
                return (true, "routes to both peers up");
            },
        };
    }

    private async Task<InjectedFault> KillAgentAsync(int replica)
    {
        var at = clock.Elapsed;
        stack.AgentReplicas[replica].Signal(UnixSignal.Kill);
        await stack.AgentReplicas[replica].Exited.WaitAsync(Deadline);
        return new InjectedFault
        {
            Victim = $"agent-{replica}",
            At = at,
            RestoreAsync = async () =>
            {
                await stack.StopAgentAsync(replica);
                await stack.StartAgentAsync(replica);
                return (true, "registered, serving opens");
            },
        };
    }

    private async Task<InjectedFault> RestartPostgresAsync()
    {
        var postgres = stack.Postgres ?? throw new InvalidOperationException("the stack runs without PostgreSQL");
        var at = clock.Elapsed;
        await postgres.StopAsync();
        await postgres.StartAsync();
        return new InjectedFault
        {
            Victim = "postgres",
            At = at,
            RestoreAsync = async () =>
            {
                var recovered = await UntilAsync(async () => (await Task.WhenAll(stack.SiloInternalUrls.Select(ReadyAsync))).All(ready => ready));
                return (recovered, recovered ? "every silo /readyz 200" : "a silo not ready");
            },
        };
    }

    private async Task<InjectedFault> FreezeEdgeAsync(int index)
    {
        var balancer = Balancer();
        var down = balancer.WaitForLineAsync(line => line.Contains($"edge-{index} is DOWN", StringComparison.Ordinal), Deadline, includeEarlier: false);
        var up = balancer.WaitForLineAsync(line => line.Contains($"edge-{index} is UP", StringComparison.Ordinal), Deadline * 2, includeEarlier: false);
        var edge = stack.Edges[index];
        var at = clock.Elapsed;
        edge.Signal(UnixSignal.Stop);
        try
        {
            await down;
        }
        catch
        {
            edge.Signal(UnixSignal.Continue);
            throw;
        }

        return new InjectedFault
        {
            Victim = $"edge-{index}",
            At = at,
            TakenOutAt = clock.Elapsed,
            RestoreAsync = async () =>
            {
                edge.Signal(UnixSignal.Continue);
                await up;
                return (true, "SIGCONT, UP in HAProxy again");
            },
        };
    }

    private ChildProcess Balancer() => stack.LoadBalancer ?? throw new InvalidOperationException("the stack runs without HAProxy");

    private async Task<long> MembersAsync(int status)
    {
        await using var connection = new NpgsqlConnection(stack.OrleansConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM orleansmembershiptable WHERE status = @status", connection);
        command.Parameters.AddWithValue("status", status);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<bool> ReadyAsync(string baseUrl)
    {
        try
        {
            using var response = await Http.GetAsync(new Uri($"{baseUrl}/readyz"));
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task<IReadOnlyList<string>> ConnectionNamesAsync(NatsServerFixture server)
    {
        var connz = JsonNode.Parse(await Http.GetStringAsync(new Uri($"{server.MonitorUrl}/connz?limit=1024")));
        return [.. (connz?["connections"]?.AsArray() ?? []).Select(c => c?["name"]?.GetValue<string>() ?? string.Empty)];
    }

    // For state no process announces (a database row, a probe): read it until it holds or the deadline passes.
    private static async Task<bool> UntilAsync(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!deadline.IsCancellationRequested)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (NpgsqlException)
            {
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }

        return false;
    }
}
