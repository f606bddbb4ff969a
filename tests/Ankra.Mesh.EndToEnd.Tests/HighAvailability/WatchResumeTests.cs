using System.Net;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>
/// A watch outlives the agent replica serving it: the edge resumes it from its last event on the other
/// replica, and the client sees every change once, in order.
/// </summary>
public sealed class WatchResumeTests(HighAvailabilityFixture fixture, ITestOutputHelper output) : IClassFixture<HighAvailabilityFixture>
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
}
