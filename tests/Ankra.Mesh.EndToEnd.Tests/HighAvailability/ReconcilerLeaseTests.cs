using System.Diagnostics;
using System.Text.Json.Nodes;
using Ankra.Mesh.Demo.Stack;
using Ankra.Mesh.Testing;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.HighAvailability;

/// <summary>Two agent replicas: exactly one (the Lease holder) writes bindings; when it dies the other takes over.</summary>
public sealed class ReconcilerLeaseTests(HighAvailabilityFixture fixture, ITestOutputHelper output) : IClassFixture<HighAvailabilityFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task TwoReplicas_OnlyTheLeaderWritesBindings_AndTheOtherTakesOverWhenItDies()
    {
        var leader = _stack.AgentReplicas.Single(r => r.Value.RecentOutput.Contains("now reconciles grants", StringComparison.Ordinal));
        var follower = _stack.AgentReplicas.Single(r => r.Key != leader.Key);

        var first = await GrantAsync("lease-one@demo.local");
        await leader.Value.WaitForLineAsync(line => line.Contains($"Grant {first} applied", StringComparison.Ordinal), Deadline);
        Assert.DoesNotContain($"Grant {first}", follower.Value.RecentOutput, StringComparison.Ordinal);

        leader.Value.Signal(UnixSignal.Kill);
        var clock = Stopwatch.StartNew();
        try
        {
            var second = await GrantAsync("lease-two@demo.local");
            await follower.Value.WaitForLineAsync(line => line.Contains($"Grant {second} applied", StringComparison.Ordinal), Deadline);
            output.WriteLine($"the surviving replica reconciled a new grant {clock.Elapsed.TotalSeconds:0.0} s after the leader was killed (lease duration 15 s)");
        }
        finally
        {
            await _stack.StopAgentAsync(leader.Key);
            await _stack.StartAgentAsync(leader.Key);
        }
    }

    private async Task<string> GrantAsync(string email)
    {
        await _stack.AddMemberAsync(email);
        var created = await _stack.AnkraAsync("cluster", "access", "grant", email, "--cluster", _stack.ClusterId, "--role", "view", "-o", "json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var json = JsonNode.Parse(created.StandardOutput)!;
        return (json["grant"]?["id"] ?? json["id"])!.GetValue<string>();
    }
}
