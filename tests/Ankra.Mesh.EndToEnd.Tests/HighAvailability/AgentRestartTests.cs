using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>
/// A pod restart under the same replica id: the old process, draining a stream after SIGTERM, never
/// registers again, so the replacement's newer registration wins and keeps serving.
/// </summary>
public sealed class AgentRestartTests(AgentRestartFixture fixture) : IClassFixture<AgentRestartFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task DrainingReplicaFencedByItsReplacement_DoesNotRegisterAgain()
    {
        var old = _stack.Agent ?? throw new InvalidOperationException("the agent is not running");
        await using var follow = _stack.StartKubectl("1.33", "logs", "-f", "web-0");
        await follow.WaitForLineAsync(line => line.Length > 0, Deadline);

        // SIGTERM: the old process drains the log stream (Mesh:Agent:DrainTimeout) while its replacement starts.
        old.Signal(UnixSignal.Terminate);
        await _stack.StartAgentAsync();
        await old.WaitForLineAsync(line => line.Contains("not registering again", StringComparison.Ordinal), Deadline);

        var replacement = _stack.Agent!;
        var served = await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "-o", "jsonpath={.data.greeting}");
        Assert.True(served.ExitCode == 0, served.ToString());
        Assert.Equal("hello", served.StandardOutput);
        Assert.Single(old.RecentOutput.Split('\n'), line => line.Contains("Registered with the edge", StringComparison.Ordinal));
        Assert.DoesNotContain("was ended by the control plane", replacement.RecentOutput, StringComparison.Ordinal);
    }
}
