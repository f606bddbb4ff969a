using System.Diagnostics;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>kubectl through HAProxy in front of two edges; a frozen edge is taken out by the health check, not by users' timeouts.</summary>
public sealed class HighAvailabilityTests(HighAvailabilityFixture fixture, ITestOutputHelper output) : IClassFixture<HighAvailabilityFixture>
{
    private readonly MeshStack _stack = fixture.Stack;

    [Theory]
    [MemberData(nameof(KubectlVersions.All), MemberType = typeof(KubectlVersions))]
    public async Task KubectlThroughLoadBalancer_GetsPodsFromEitherEdge(string version)
    {
        Assert.NotNull(_stack.LoadBalancer);
        for (var i = 0; i < 4; i++)
        {
            var result = await _stack.KubectlAsync(version, "get", "pods", "-o", "name");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("pod/web-0", result.StandardOutput, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task EdgeFrozen_HealthCheckTakesItOut_AndKubectlKeepsWorking()
    {
        var frozen = _stack.Edges[1];
        frozen.Signal(UnixSignal.Stop);
        try
        {
            var clock = Stopwatch.StartNew();
            await _stack.LoadBalancer!.WaitForLineAsync(line => line.Contains("edge-1 is DOWN", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            output.WriteLine($"HAProxy took the frozen edge out {clock.Elapsed.TotalSeconds:0.0} s after SIGSTOP");

            var failures = 0;
            for (var i = 0; i < 10; i++)
            {
                var result = await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "-o", "jsonpath={.data.greeting}", "--request-timeout=20s");
                failures += result.ExitCode == 0 && result.StandardOutput == "hello" ? 0 : 1;
            }

            output.WriteLine($"10 kubectl requests with one edge frozen and taken out: {failures} failed");
            Assert.Equal(0, failures);
        }
        finally
        {
            frozen.Signal(UnixSignal.Continue);
        }

        await _stack.LoadBalancer!.WaitForLineAsync(line => line.Contains("edge-1 is UP", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    [Theory]
    [InlineData(UnixSignal.Stop)]
    [InlineData(UnixSignal.Kill)]
    public async Task OneAgentReplicaFrozenOrKilled_NoKubectlGetFailsAfterTheFirstSecond(int signal)
    {
        var replica = _stack.AgentReplicas[1];
        replica.Signal(signal);
        var results = new List<(TimeSpan At, TimeSpan Took, bool Ok)>();
        try
        {
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < 20; i++)
            {
                var started = clock.Elapsed;
                var result = await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "-o", "jsonpath={.data.greeting}");
                results.Add((started, clock.Elapsed - started, result.ExitCode == 0 && result.StandardOutput == "hello"));
            }
        }
        finally
        {
            if (signal == UnixSignal.Stop)
            {
                replica.Signal(UnixSignal.Continue);
            }
            else
            {
                await _stack.StopAgentAsync(1);
                await _stack.StartAgentAsync(1);
            }
        }

        var failures = results.Count(r => !r.Ok);
        var late = results.Count(r => !r.Ok && r.At > TimeSpan.FromSeconds(1));
        output.WriteLine($"agent replica 1 {(signal == UnixSignal.Stop ? "SIGSTOPped" : "SIGKILLed")}: {results.Count} kubectl gets, {failures} failed " +
            $"({late} after the first second); slowest {results.Max(r => r.Took).TotalMilliseconds:0} ms, median {results.Select(r => r.Took.TotalMilliseconds).Order().ElementAt(results.Count / 2):0} ms");
        Assert.Equal(0, late);
    }
}
