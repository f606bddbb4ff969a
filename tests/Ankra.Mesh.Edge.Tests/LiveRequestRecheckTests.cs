using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Edge.Access;
using Ankra.Mesh.Edge.KubeProxy;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Ankra.Mesh.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// Revocation is bounded by the decision-cache TTL even when every access event is lost: an embedded edge whose NATS
/// credential may not publish access events (the nats-server refuses every one) still cuts a revoked user's live
/// request, through its periodic re-check.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class LiveRequestRecheckTests(EmbeddedEdgeFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData("00:00:00", 500)]
    [InlineData("00:00:00.8", 500)]
    [InlineData("00:00:05", 2500)]
    [InlineData("00:01:00", 30_000)]
    public void RecheckInterval_IsHalfTheTtl_NeverBelowHalfASecond(string ttl, int expectedMs) =>
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RevocationEnforcer.RecheckInterval(TimeSpan.Parse(ttl, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task GrantDeleted_EveryAccessEventRefused_LiveRequestCutByPeriodicRecheckWithinTtl()
    {
        var directory = Directory.CreateTempSubdirectory("mesh-recheck-").FullName;
        try
        {
            await using var edge = await StartEdgeWithoutEventsAsync(directory);
            var admin = edge.Client((await File.ReadAllTextAsync(Path.Combine(directory, "admin.token"))).Trim());
            var email = $"revoked-{Guid.NewGuid():N}@acme.test";
            var member = await admin.PostApiAsync("/api/v1/organisation/members", new { email, role = "member" });
            Assert.Equal(HttpStatusCode.Created, member.Status);
            var userId = member.Json!["member"]!["user_id"]!.GetValue<string>();
            var cluster = await admin.PostApiAsync("/api/v1/clusters", new { name = $"r-{Guid.NewGuid():N}"[..20] });
            var clusterId = cluster.Json!["cluster"]!["id"]!.GetValue<string>();
            var grant = await admin.PostApiAsync($"/api/v1/clusters/{clusterId}/access/grants", new { user_email = email, scope = "cluster", role = "view" });
            Assert.Equal(HttpStatusCode.Created, grant.Status);

            // A live request of the user (as the kube proxy registers a watch), allowed now.
            var decisions = edge.Services.GetRequiredService<AccessDecisionCache>();
            Assert.True((await decisions.GetAsync(clusterId, userId, 0).AsTask().WaitAsync(Deadline)).Allowed);
            var request = new RecordedAbort();
            using var registration = edge.Services.GetRequiredService<LiveRequestRegistry>().Register(clusterId, userId, 0, request.Context);
            var eventHeard = false;
            decisions.ClusterAccessChanged += id => eventHeard |= id == clusterId;

            using var cuts = edge.Collect("ankra.mesh.access.live_request_cuts");
            var clock = Stopwatch.StartNew();
            var deleted = await admin.DeleteApiAsync($"/api/v1/clusters/{clusterId}/access/grants/{grant.Json!["grant"]!["id"]!.GetValue<string>()}");
            Assert.Equal(HttpStatusCode.OK, deleted.Status);
            await request.Aborted.WaitAsync(Deadline);
            output.WriteLine($"live request cut {clock.Elapsed.TotalMilliseconds:0} ms after the grant was deleted (TTL {Ttl.TotalSeconds:0} s, " +
                $"re-check every {RevocationEnforcer.RecheckInterval(Ttl).TotalMilliseconds:0} ms); access event heard: {eventHeard}");

            Assert.False(eventHeard, "the edge heard the access event, so this test did not lose it");
            Assert.Contains(cuts.GetMeasurementSnapshot(), cut => Equals(cut.Tags["trigger"], "periodic re-check"));
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>An embedded edge (it hosts the grains, so it announces access changes itself) whose NATS user may not publish them.</summary>
    private async Task<EdgeHost> StartEdgeWithoutEventsAsync(string directory)
    {
        var settings = MeshNatsSettings.For(fixture.Nats, directory).ToDictionary(kv => kv.Key, kv => (string?)kv.Value);
        // The edge's own permissions, minus publishing access events, with the client's default inbox.
        settings["Mesh:Nats:CredsFile"] = fixture.Nats.WriteCredsFile("edge-without-events", MeshNatsPermissions.Edge(hostsGrains: false, "_INBOX"));
        settings["Mesh:Orleans:SiloPort"] = EdgeHost.Port(FreePort.Next());
        settings["Mesh:Orleans:GatewayPort"] = EdgeHost.Port(FreePort.Next());
        settings["Mesh:Edge:DecisionCacheTtl"] = Ttl.ToString();
        settings["Mesh:Bootstrap:Organisation"] = "acme";
        settings["Mesh:Bootstrap:AdminEmail"] = "admin@acme.test";
        settings["Mesh:Bootstrap:TokenFile"] = Path.Combine(directory, "admin.token");
        return await EdgeHost.StartAsync(settings);
    }
}
