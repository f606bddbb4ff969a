using System.Diagnostics;
using System.Net;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Grains;
using Grpc.Core;
using Xunit.Abstractions;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// PostgreSQL stopped under two silo processes and two edges: every write answers 503 and none of them
/// takes effect — not in memory, not through a later successful write, not after every silo restarted —
/// and the retries after the outage do each thing exactly once.
/// </summary>
[Collection(SiloClusterCollection.Name)]
public sealed class StorageOutageTests(SiloClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Recovery = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Writes_PostgresStopped_Answer503AndNoneTakesEffect()
    {
        var admin = fixture.Edges[0].Client(fixture.AdminToken);
        var email = $"o-{Guid.NewGuid():N}@durable.test";
        Assert.Equal(HttpStatusCode.Created, (await RetryAsync(() => admin.PostApiAsync("/api/v1/organisation/members", new { email, role = "member" }))).Status);

        // Someone who was a member once: adding them again under the outage reaches the organisation's
        // write (their user record exists), not just a failing activation.
        var comeback = $"c-{Guid.NewGuid():N}@durable.test";
        var added = await admin.PostApiAsync("/api/v1/organisation/members", new { email = comeback, role = "member" });
        var comebackId = added.Json!["member"]!["user_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await admin.DeleteApiAsync($"/api/v1/organisation/members/{comebackId}")).Status);

        var cluster = await admin.PostApiAsync("/api/v1/clusters", new { name = $"o-{Guid.NewGuid():N}"[..20] });
        var clusterId = cluster.Json!["cluster"]!["id"]!.GetValue<string>();
        var grants = $"/api/v1/clusters/{clusterId}/access/grants";
        var kept = await admin.PostApiAsync(grants, new { user_email = email, scope = "namespace", role = "view", @namespace = "kept" });
        Assert.Equal(HttpStatusCode.Created, kept.Status);
        var keptId = kept.Json!["grant"]!["id"]!.GetValue<string>();
        var outageGrant = new { user_email = email, scope = "namespace", role = "view", @namespace = "outage" };

        await fixture.Postgres.StopAsync();
        try
        {
            var watch = Stopwatch.StartNew();
            var create = await admin.PostApiAsync(grants, outageGrant);
            var delete = await admin.DeleteApiAsync($"{grants}/{keptId}");
            var token = await admin.PostApiAsync("/api/v1/tokens", new { name = "outage" });
            var member = await admin.PostApiAsync("/api/v1/organisation/members", new { email = comeback, role = "member" });
            using var key = Ankra.Mesh.NatsAuth.NatsUserKeys.Create();
            var register = await Assert.ThrowsAsync<RpcException>(() => new AgentService.AgentServiceClient(fixture.Edges[1].Channel).RegisterAsync(
                new RegisterRequest { RegistrationToken = cluster.Str("agent_token"), ReplicaId = "agent-0", NatsPublicKey = key.PublicKey },
                deadline: DateTime.UtcNow.AddSeconds(30)).ResponseAsync);
            output.WriteLine($"PostgreSQL stopped: create grant {(int)create.Status}, delete grant {(int)delete.Status}, create token {(int)token.Status}, add member {(int)member.Status}, agent registration {register.StatusCode} ({watch.ElapsedMilliseconds} ms for the five)");
            Assert.Equal(StatusCode.Unavailable, register.StatusCode);
            foreach (var response in new[] { create, delete, token, member })
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.Status);
                Assert.Contains("temporarily unavailable", response.Detail, StringComparison.Ordinal);
            }

            // Grains serve what was last written: the failed changes are not visible even now.
            var during = await admin.GetApiAsync(grants);
            Assert.Equal(HttpStatusCode.OK, during.Status);
            Assert.Equal(["kept"], Namespaces(during, email));
        }
        finally
        {
            await fixture.Postgres.StartAsync();
        }

        // The old failure: the next successful write of the same grain persisted the failed changes with it.
        var after = await RetryAsync(() => admin.PostApiAsync(grants, new { user_email = email, scope = "namespace", role = "view", @namespace = "after" }));
        Assert.Equal(HttpStatusCode.Created, after.Status);
        var stored = (await StoredGrainState.ReadAsync(fixture.ConnectionString, clusterId)
            ?? throw new InvalidOperationException($"no stored state for cluster {clusterId}:\n{await StoredGrainState.DescribeAsync(fixture.ConnectionString)}")).Decode<ClusterState>();
        Assert.Equal(["after", "kept"], stored.Grants.Values.Where(g => g.UserEmail == email).Select(g => g.Namespace!).Order());
        Assert.Empty(stored.Sessions);

        var restart = Stopwatch.StartNew();
        foreach (var silo in fixture.Silos)
        {
            await silo.KillAsync();
        }

        await Task.WhenAll(fixture.Silos.Select(s => s.StartAsync()));
        var listed = await RetryAsync(() => admin.GetApiAsync(grants));
        output.WriteLine($"every silo restarted: API answering again after {restart.Elapsed.TotalSeconds:F1} s");
        Assert.Equal(["after", "kept"], Namespaces(listed, email));
        var tokens = await RetryAsync(() => admin.GetApiAsync("/api/v1/tokens"));
        Assert.DoesNotContain(tokens.Json!["result"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "outage");
        var members = await RetryAsync(() => admin.GetApiAsync("/api/v1/organisation/members"));
        Assert.DoesNotContain(members.Json!["result"]!.AsArray(), m => m!["email"]!.GetValue<string>() == comeback);

        // Retries now do each thing once: a create answers 201 and then 200 with the same grant, a delete
        // answers as if the first attempt had never been made.
        var retried = await admin.PostApiAsync(grants, outageGrant);
        var again = await admin.PostApiAsync(grants, outageGrant);
        Assert.Equal(HttpStatusCode.Created, retried.Status);
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(retried.Json!["grant"]!["id"]!.GetValue<string>(), again.Json!["grant"]!["id"]!.GetValue<string>());
        Assert.Equal(["after", "kept", "outage"], Namespaces(await admin.GetApiAsync(grants), email));
        var deleted = await admin.DeleteApiAsync($"{grants}/{keptId}");
        Assert.Equal(HttpStatusCode.OK, deleted.Status);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostApiAsync("/api/v1/organisation/members", new { email = comeback, role = "member" })).Status);
    }

    private static string[] Namespaces(ApiResponse grants, string email) =>
        [.. grants.Json!["result"]!.AsArray()
            .Where(g => g!["user_email"]!.GetValue<string>() == email)
            .Select(g => g!["namespace"]!.GetValue<string>())
            .Order()];

    /// <summary>Retries while the cluster recovers (connections to the restarted database, silos rejoining).</summary>
    private static async Task<ApiResponse> RetryAsync(Func<Task<ApiResponse>> call)
    {
        var deadline = DateTime.UtcNow + Recovery;
        while (true)
        {
            try
            {
                var response = await call().WaitAsync(TimeSpan.FromSeconds(30));
                if (response.Status is HttpStatusCode.OK or HttpStatusCode.Created || DateTime.UtcNow > deadline)
                {
                    return response;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TimeoutException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
            }

            await Task.Delay(250);
        }
    }
}
