using System.Diagnostics;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Bus;

/// <summary>
/// Killing the NATS server the agent is connected to, under kubectl load: edge and agent reconnect to the
/// survivors by themselves; the test prints how long kubectl failed.
/// </summary>
public sealed class NatsServerFailoverTests(ClusteredBusFixture fixture, ITestOutputHelper output) : IClassFixture<ClusteredBusFixture>
{
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task ServerOfTheAgentKilledUnderLoad_KubectlWorksAgainWithoutAnyAction()
    {
        var cluster = _stack.NatsCluster ?? throw new InvalidOperationException("the fixture runs a NATS cluster");
        var before = await _stack.KubectlAsync("1.33", "get", "configmap", "settings");
        Assert.True(before.ExitCode == 0, before.ToString());

        var victim = -1;
        for (var i = 0; i < cluster.Servers.Count && victim < 0; i++)
        {
            victim = await NatsMonitor.HoldsAgentAsync(cluster.Servers[i]) ? i : -1;
        }

        Assert.True(victim >= 0, "no server of the cluster holds the agent's connection");
        var edgeOnVictim = (await NatsMonitor.ConnectionNamesAsync(cluster.Servers[victim])).Any(n => n.StartsWith("ankra-mesh-edge", StringComparison.Ordinal));

        // Load: kubectl requests one after another, before and after the kill; the test waits on what the load sees.
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        long killedAtTicks = 0;
        var failuresAfterKill = 0;
        var servedBeforeKill = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var servedAfterKill = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "--request-timeout=10s");
                var killed = Interlocked.Read(ref killedAtTicks) != 0;
                if (result.ExitCode == 0)
                {
                    if (killed)
                    {
                        servedAfterKill.TrySetResult(clock.Elapsed);
                    }
                    else
                    {
                        servedBeforeKill.TrySetResult();
                    }
                }
                else if (killed)
                {
                    failuresAfterKill++;
                }
            }
        });

        await servedBeforeKill.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await cluster.KillAsync(victim);
        var killedAt = clock.Elapsed;
        Interlocked.Exchange(ref killedAtTicks, killedAt.Ticks);
        var firstSuccessAfterKill = await servedAfterKill.Task.WaitAsync(TimeSpan.FromSeconds(90));
        await stop.CancelAsync();
        await load;
        output.WriteLine($"killed NATS server {victim} (agent on it; edge on it too: {edgeOnVictim}); first successful kubectl request " +
            $"{(firstSuccessAfterKill - killedAt).TotalSeconds:0.00} s after the kill, {failuresAfterKill} failed meanwhile");

        var after = await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "-o", "jsonpath={.data.greeting}");
        Assert.True(after.ExitCode == 0, after.ToString());
        Assert.Equal("hello", after.StandardOutput);
        Assert.True(await SurvivorsHoldAgentAsync(cluster, victim), "the agent should hold a connection to a surviving server");
    }

    private static async Task<bool> SurvivorsHoldAgentAsync(NatsClusterFixture cluster, int victim)
    {
        for (var i = 0; i < cluster.Servers.Count; i++)
        {
            if (i != victim && await NatsMonitor.HoldsAgentAsync(cluster.Servers[i]))
            {
                return true;
            }
        }

        return false;
    }
}
