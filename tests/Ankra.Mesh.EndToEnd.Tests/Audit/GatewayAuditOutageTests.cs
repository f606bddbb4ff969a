using System.Diagnostics;
using System.Globalization;
using Ankra.Mesh.Demo.Stack;
using Xunit.Abstractions;

namespace Ankra.Mesh.EndToEnd.Tests.Audit;

/// <summary>
/// The audit never stands in kubectl's way: with its database stopped, commands work as before; what does not fit
/// the bounded buffer is dropped and counted in <c>ankra_mesh_audit_events_dropped_total</c>; what was held is
/// written once the database is back.
/// </summary>
public sealed class GatewayAuditOutageTests(SmallAuditBufferStackFixture fixture, ITestOutputHelper output) : IClassFixture<SmallAuditBufferStackFixture>
{
    private const int Commands = 20;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);
    private readonly MeshStack _stack = fixture.Stack;

    [Fact]
    public async Task Kubectl_AuditDatabaseStopped_CommandsSucceedAndLostEventsAreCounted()
    {
        (await _stack.KubectlAsync("1.33", "get", "configmap", "settings")).Require();
        await AuditReader.WaitForAsync(_stack, e => e.Text("name") == "settings", "the warm-up get", Timeout);
        var droppedBefore = await DroppedAsync();
        var baseline = await TimeCommandsAsync();

        await fixture.Postgres.StopAsync();
        var outageStart = DateTimeOffset.UtcNow;
        _stack.KubeSim.Audit.Clear();
        var elapsed = await TimeCommandsAsync();
        // Requests the edge forwarded carry its request id; the agent's own calls (lease, reconciler) do not.
        var reachedCluster = _stack.KubeSim.Audit.Events.Count(e => e.ImpersonatedUser?.Extra.ContainsKey("ankra-request-id") == true);
        var dropped = await DroppedAsync() - droppedBefore;
        var held = SmallAuditBufferStackFixture.BufferCapacity + SmallAuditBufferStackFixture.BatchSize;
        output.WriteLine($"PostgreSQL stopped: {Commands} kubectl commands all succeeded in {elapsed.TotalSeconds:0.0} s " +
            $"({elapsed.TotalMilliseconds / Commands:0} ms each; {baseline.TotalMilliseconds / Commands:0} ms each with PostgreSQL up); {reachedCluster} requests went through the edge to the cluster; " +
            $"audit events dropped: {dropped} (buffer {SmallAuditBufferStackFixture.BufferCapacity} + batch {SmallAuditBufferStackFixture.BatchSize} held)");

        Assert.True(dropped > 0, "a full buffer drops and counts");
        Assert.InRange(dropped, reachedCluster - held, reachedCluster);

        await fixture.Postgres.StartAsync();
        var recovered = await AuditReader.WaitForAsync(_stack,
            e => e.Text("name") == "settings" && DateTimeOffset.Parse(e.Text("time"), CultureInfo.InvariantCulture) >= outageStart, "an event held during the outage", Timeout);
        output.WriteLine($"after PostgreSQL restarted, events held during the outage were written (e.g. request {recovered.Text("request_id")})");
    }

    /// <summary>Runs <see cref="Commands"/> kubectl GETs one after another, each required to succeed.</summary>
    private async Task<TimeSpan> TimeCommandsAsync()
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Commands; i++)
        {
            (await _stack.KubectlAsync("1.33", "get", "configmap", "settings", "-o", "name")).Require();
        }

        return clock.Elapsed;
    }

    /// <summary>The value of a Prometheus sample line: <c>name{labels} value [timestamp]</c>.</summary>
    private static string SampleValue(string line)
    {
        var rest = line[(line.LastIndexOf('}') + 1)..].Trim();
        if (!line.Contains('}', StringComparison.Ordinal))
        {
            rest = line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..].Trim();
        }

        return rest.Split(' ')[0];
    }

    /// <summary><c>ankra_mesh_audit_events_dropped_total</c> from the edge's metrics on its internal port (0 before the first drop).</summary>
    private async Task<long> DroppedAsync()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var text = await client.GetStringAsync(new Uri($"{_stack.EdgeHealthUrls[0]}/metrics"));
        return text.Split('\n')
            .Where(line => line.StartsWith("ankra_mesh_audit_events_dropped_total", StringComparison.Ordinal))
            .Sum(line => (long)double.Parse(SampleValue(line), CultureInfo.InvariantCulture));
    }
}
