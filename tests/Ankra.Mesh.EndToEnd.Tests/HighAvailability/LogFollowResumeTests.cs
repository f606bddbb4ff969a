using System.Globalization;
using System.Text.RegularExpressions;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>
/// <c>kubectl logs -f</c> outlives the agent replica serving it: the edge resumes it from its last line's timestamp on
/// the other replica, and kubectl prints every line once, in order, without timestamps it did not ask for.
/// </summary>
public sealed partial class LogFollowResumeTests(HighAvailabilityFixture fixture, ITestOutputHelper output) : IClassFixture<HighAvailabilityFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task AgentReplicaServingLogsFollowKilled_KubectlPrintsEveryLineOnceInOrder()
    {
        // Replica 1 frozen while the stream opens, so replica 0 serves it. KubeSim writes two lines a second.
        var other = _stack.AgentReplicas[1];
        other.Signal(UnixSignal.Stop);
        ChildProcess logs;
        long beforeKill;
        try
        {
            logs = _stack.StartKubectl("1.33", "logs", "-f", "web-0", "--tail=3");
            beforeKill = Index(await logs.WaitForLineAsync(line => LinePattern().IsMatch(line), Deadline)) + 2;
            await logs.WaitForLineAsync(line => line.Contains(Marker(beforeKill), StringComparison.Ordinal), Deadline);
        }
        finally
        {
            other.Signal(UnixSignal.Continue);
        }

        await using var _ = logs;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        _stack.AgentReplicas[0].Signal(UnixSignal.Kill);
        try
        {
            // Lines written while the stream had no replica, and after: all must come, once each.
            var target = beforeKill + 12;
            await logs.WaitForLineAsync(line => line.Contains(Marker(target), StringComparison.Ordinal), Deadline);
            output.WriteLine($"logs -f printed line {target} {clock.Elapsed.TotalSeconds:0.0} s after its replica was killed");

            var printed = logs.RecentOutput.Split('\n').Where(line => LinePattern().IsMatch(line)).ToList();
            Assert.All(printed, line => Assert.DoesNotMatch(@"^\d{4}-\d\d-\d\dT", line));
            var indexes = printed.Select(Index).ToList();
            Assert.True(indexes.Zip(indexes.Skip(1)).All(pair => pair.Second == pair.First + 1),
                $"lines not contiguous (gap or duplicate): {string.Join(", ", indexes)}\n{logs.RecentOutput}");
            Assert.True(logs.IsRunning, $"kubectl logs -f ended:\n{logs.RecentOutput}");
        }
        finally
        {
            await _stack.StopAgentAsync(0);
            await _stack.StartAgentAsync(0);
        }
    }

    private static string Marker(long index) => string.Create(CultureInfo.InvariantCulture, $" line {index:D8} ");

    private static long Index(string line) => long.Parse(LinePattern().Match(line).Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^web-0 \S+ line (\d{8}) ")]
    private static partial Regex LinePattern();
}
