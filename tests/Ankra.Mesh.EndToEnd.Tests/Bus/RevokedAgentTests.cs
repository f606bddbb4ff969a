using Ankra.Mesh.Demo.Stack;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Bus;

/// <summary>
/// Rotating a cluster's registration token ends its agent's hold on the bus: the session ends, the agent
/// cannot register or renew its NATS credential again, and it no longer holds a NATS connection.
/// </summary>
public sealed class RevokedAgentTests(RenewingBusFixture fixture, ITestOutputHelper output) : IClassFixture<RenewingBusFixture>
{
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task RegistrationTokenRotated_AgentLeavesTheBusAndKubectlSaysOffline()
    {
        // Served before (this also fills kubectl's discovery cache, so the later failure names the cause).
        var served = await _stack.KubectlAsync("1.33", "get", "configmap", "settings");
        Assert.True(served.ExitCode == 0, served.ToString());
        Assert.True(await NatsMonitor.HoldsAgentAsync(_stack.Nats), "the agent should be connected before the rotation");
        using (var admin = _stack.EdgeClient())
        {
            using var rotated = await admin.PostAsync(new Uri($"/api/v1/clusters/{_stack.ClusterId}/agent-token/rotate", UriKind.Relative), null);
            Assert.True(rotated.IsSuccessStatusCode, await rotated.Content.ReadAsStringAsync());
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await NatsMonitor.HoldsAgentAsync(_stack.Nats))
        {
            await Task.Delay(250, deadline.Token);
        }

        output.WriteLine($"the agent left NATS {clock.Elapsed.TotalSeconds:0.0} s after its registration token was rotated " +
            $"(credential lifetime {RenewingBusFixture.CredentialLifetime.TotalSeconds:0} s)");
        var offline = await _stack.KubectlAsync("1.33", "get", "configmap", "settings");
        Assert.NotEqual(0, offline.ExitCode);
        Assert.Contains("offline", offline.StandardError, StringComparison.Ordinal);
        Assert.Contains("token is unknown or was rotated", _stack.Agent!.RecentOutput, StringComparison.Ordinal);
    }
}
