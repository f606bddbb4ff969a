using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>
/// A watch and a <c>logs -f</c> outlive the agent replica serving them: the edge resumes each on the other replica
/// (a watch from its last event, a log from its last line's timestamp), and the client sees every change or line
/// once, in order — kubectl's log lines without timestamps it did not ask for.
/// </summary>
public sealed partial class StreamResumeTests(HighAvailabilityFixture fixture, ITestOutputHelper output) : IClassFixture<HighAvailabilityFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task AgentReplicaServingAWatchKilled_WatchResumesWithoutGapOrDuplicate()
    {
        using var kube = _stack.MeshKubeClient(await _stack.KubeTokenAsync(), HttpVersion.Version20);
        var list = JsonNode.Parse(await kube.GetStringAsync(new Uri("api/v1/namespaces/demo/configmaps", UriKind.Relative)))!;
        var version = list["metadata"]!["resourceVersion"]!.GetValue<string>();

        // Replica 1 frozen while the watch opens, so replica 0 serves it.
        var other = _stack.AgentReplicas[1];
        other.Signal(UnixSignal.Stop);
        HttpResponseMessage watch;
        try
        {
            watch = await kube.GetAsync(new Uri($"api/v1/namespaces/demo/configmaps?watch=1&resourceVersion={version}&timeoutSeconds=300", UriKind.Relative),
                HttpCompletionOption.ResponseHeadersRead);
        }
        finally
        {
            other.Signal(UnixSignal.Continue);
        }

        using var _ = watch;
        Assert.Equal(HttpStatusCode.OK, watch.StatusCode);
        using var events = new StreamReader(await watch.Content.ReadAsStreamAsync());
        await CreateAsync("resume-before");
        Assert.Equal("resume-before", await NextAddedAsync(events));

        var clock = System.Diagnostics.Stopwatch.StartNew();
        _stack.AgentReplicas[0].Signal(UnixSignal.Kill);
        try
        {
            await CreateAsync("resume-during-1");
            await CreateAsync("resume-during-2");
            Assert.Equal("resume-during-1", await NextAddedAsync(events));
            Assert.Equal("resume-during-2", await NextAddedAsync(events));
            output.WriteLine($"the watch delivered both changes made after its replica stopped {clock.Elapsed.TotalSeconds:0.0} s after SIGKILL, once each, in order");
        }
        finally
        {
            await _stack.StopAgentAsync(0);
            await _stack.StartAgentAsync(0);
        }
    }

    private async Task CreateAsync(string name)
    {
        var created = await _stack.KubectlAsync("1.33", ["create", "configmap", name, "--from-literal=k=v"], null);
        Assert.True(created.ExitCode == 0, created.ToString());
    }

    private static async Task<string> NextAddedAsync(StreamReader events)
    {
        while (true)
        {
            var line = await events.ReadLineAsync().WaitAsync(Deadline) ?? throw new InvalidOperationException("the watch ended");
            var change = JsonNode.Parse(line)!;
            if (change["type"]!.GetValue<string>() == "ADDED")
            {
                return change["object"]!["metadata"]!["name"]!.GetValue<string>();
            }
        }
    }

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
