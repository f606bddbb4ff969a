using System.Diagnostics;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Faults;

/// <summary>
/// Every access event is lost (nats-server refuses the edge's publishes): a revoked user's <c>kubectl exec -i</c> and
/// <c>kubectl get -w</c> still end, within the decision-cache TTL, because every edge re-checks its live requests
/// every half TTL. The measured time goes to the test output; the deadline is generous.
/// </summary>
public sealed class LostEventsTests(LostEventsFixture fixture, ITestOutputHelper output) : IClassFixture<LostEventsFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task GrantRevoked_EveryEventLost_ExecAndWatchEndWithinTheTtl()
    {
        await using var watch = _stack.StartKubectl("1.33", "get", "pods", "-w");
        await watch.WaitForLineAsync(line => line.StartsWith("web-0", StringComparison.Ordinal), Deadline);
        await using var exec = _stack.StartKubectlWithInput("1.33", "exec", "-i", "web-0", "--", "cat");
        await exec.StandardInput.WriteLineAsync("still here");
        await exec.StandardInput.FlushAsync();
        await exec.WaitForLineAsync(line => line == "still here", Deadline);

        var grants = JsonNode.Parse((await RequireAsync(_stack.AnkraAsync("cluster", "access", "list", "--cluster", _stack.ClusterId, "-o", "json"))).StandardOutput)!.AsArray();
        var grantId = grants.Single()!["id"]!.GetValue<string>();
        await RequireAsync(_stack.AnkraAsync("cluster", "access", "revoke", grantId, "--cluster", _stack.ClusterId));
        var clock = Stopwatch.StartNew();
        var watchEnded = MeasureAsync(watch.Exited, clock);
        var execEnded = MeasureAsync(exec.Exited, clock);
        await Task.WhenAll(watchEnded, execEnded).WaitAsync(Deadline);
        output.WriteLine($"every access event refused by nats-server; after `ankra cluster access revoke` returned, get -w ended in " +
            $"{(await watchEnded).TotalMilliseconds:0} ms and exec -i in {(await execEnded).TotalMilliseconds:0} ms " +
            $"(decision-cache TTL {LostEventsFixture.DecisionCacheTtl.TotalSeconds:0} s, re-check every {LostEventsFixture.DecisionCacheTtl.TotalSeconds / 2:0.0} s)");

        var edgeLog = _stack.Edge.RecentOutput;
        Assert.Contains("NATS refused an access-changed event", edgeLog, StringComparison.Ordinal);
        Assert.Contains("access revoked (periodic re-check)", edgeLog, StringComparison.Ordinal);
        Assert.DoesNotContain("access revoked (access event)", edgeLog, StringComparison.Ordinal);
        var refused = await _stack.KubectlAsync("1.33", "get", "pods");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("You do not have access to this cluster", refused.StandardError, StringComparison.Ordinal);
    }

    private static async Task<TimeSpan> MeasureAsync(Task ended, Stopwatch clock)
    {
        await ended;
        return clock.Elapsed;
    }

    private static async Task<Testing.ProcessResult> RequireAsync(Task<Testing.ProcessResult> run)
    {
        var result = await run;
        Assert.True(result.ExitCode == 0, result.ToString());
        return result;
    }
}
