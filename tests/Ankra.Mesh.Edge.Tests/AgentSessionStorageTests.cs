using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.Grains;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// Agent sessions against silo processes on PostgreSQL, asserted on the stored rows: rollouts leave only the
/// live replicas' sessions, and check-ins and reports that change nothing write nothing.
/// </summary>
[Collection(SiloClusterCollection.Name)]
public sealed class AgentSessionStorageTests(SiloClusterFixture fixture, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private AgentService.AgentServiceClient Agent => new(fixture.Edges[0].Channel);

    [Fact]
    public async Task Register_HundredNewReplicaIds_LeavesOnlyTheLiveReplicasSessions()
    {
        var (clusterId, token) = await NewClusterAsync();
        string[] live = ["live-0", "live-1"];
        var sessions = new Dictionary<string, string>();
        foreach (var replica in live)
        {
            sessions[replica] = (await RegisterAsync(token, replica)).SessionId;
        }

        async Task CheckInLiveAsync()
        {
            foreach (var replica in live)
            {
                await CheckInAsync(token, sessions[replica], replica);
            }
        }

        // One rollout per iteration: a new pod name registers and the previous pod is never heard from again.
        var maxStored = 0;
        for (var i = 0; i < 100; i++)
        {
            if (i % 5 == 0)
            {
                await CheckInLiveAsync();
            }

            await RegisterAsync(token, $"pod-{i}");
            maxStored = Math.Max(maxStored, (await StoredAsync(clusterId)).Sessions.Count);
        }

        output.WriteLine($"100 registrations with new replica ids: at most {maxStored} sessions stored (cap {SiloClusterFixture.MaxSessionsPerCluster})");
        Assert.True(maxStored <= SiloClusterFixture.MaxSessionsPerCluster, $"{maxStored} sessions stored");

        var grain = fixture.Edges[0].Services.GetRequiredService<IGrainFactory>().GetGrain<IClusterGrain>(clusterId);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        (int Listed, int Stored) counts;
        while (true)
        {
            await CheckInLiveAsync();
            counts = ((await grain.GetAsync().WaitAsync(Timeout))!.Sessions.Count, (await StoredAsync(clusterId)).Sessions.Count);
            if ((counts.Listed <= live.Length && counts.Stored <= live.Length) || DateTime.UtcNow > deadline)
            {
                break;
            }

            await Task.Delay(500);
        }

        output.WriteLine($"after the expiry: {counts.Listed} sessions listed, {counts.Stored} stored, {live.Length} replicas alive");
        Assert.True(counts.Listed <= live.Length && counts.Stored <= live.Length, $"listed {counts.Listed}, stored {counts.Stored}");
        Assert.Equal(live, (await grain.GetAsync().WaitAsync(Timeout))!.Sessions.Select(s => s.ReplicaId).Order());
    }

    [Fact]
    public async Task CheckInAndReport_TenWithUnchangedGrants_NoStorageWrites()
    {
        var (clusterId, token) = await NewClusterAsync();
        var session = (await RegisterAsync(token, "agent-0")).SessionId;
        var desired = await CheckInAsync(token, session, "agent-0");
        await ReportAppliedAsync(token, session, desired);
        var before = await StoredRowAsync(clusterId);

        for (var i = 0; i < 10; i++)
        {
            await ReportAppliedAsync(token, session, await CheckInAsync(token, session, "agent-0"));
        }

        var after = await StoredRowAsync(clusterId);
        output.WriteLine($"10 check-ins and reports with unchanged grants: stored version {before.Version} -> {after.Version}, modifiedon {before.ModifiedOn:O} -> {after.ModifiedOn:O}");
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.ModifiedOn, after.ModifiedOn);
        Assert.All(after.Decode<ClusterState>().Grants.Values, g => Assert.Equal(AccessVocabulary.StatusApplied, g.ReconcileStatus));
    }

    private async Task<(string Id, string AgentToken)> NewClusterAsync()
    {
        var created = await fixture.Edges[0].Client(fixture.AdminToken).PostApiAsync("/api/v1/clusters", new { name = $"s-{Guid.NewGuid():N}"[..20] });
        return (created.Json!["cluster"]!["id"]!.GetValue<string>(), created.Str("agent_token"));
    }

    private async Task<StoredGrainState> StoredRowAsync(string clusterId) =>
        await StoredGrainState.ReadAsync(fixture.ConnectionString, clusterId)
        ?? throw new InvalidOperationException($"no stored state for cluster {clusterId}:\n{await StoredGrainState.DescribeAsync(fixture.ConnectionString)}");

    private async Task<ClusterState> StoredAsync(string clusterId) => (await StoredRowAsync(clusterId)).Decode<ClusterState>();

    private static Metadata Metadata(string token) => new() { { "authorization", $"Bearer {token}" } };

    private Task<RegisterResponse> RegisterAsync(string token, string replicaId)
    {
        using var key = Ankra.Mesh.NatsAuth.NatsUserKeys.Create();
        return Agent.RegisterAsync(new RegisterRequest
        {
            RegistrationToken = token,
            ReplicaId = replicaId,
            AgentVersion = "1.2.3",
            KubernetesVersion = "v1.30.1",
            NatsPublicKey = key.PublicKey,
        }, deadline: DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
    }

    private Task<CheckInResponse> CheckInAsync(string token, string sessionId, string replicaId) =>
        Agent.CheckInAsync(new CheckInRequest { SessionId = sessionId, ReplicaId = replicaId }, Metadata(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);

    private async Task ReportAppliedAsync(string token, string sessionId, CheckInResponse desired)
    {
        var request = new ReportGrantStatusRequest { SessionId = sessionId, ReplicaId = "agent-0", GrantsVersion = desired.GrantsVersion };
        request.Statuses.AddRange(desired.Grants.Select(g => new GrantStatus { GrantId = g.GrantId, State = GrantReconcileState.Applied }));
        var reply = await Agent.ReportGrantStatusAsync(request, Metadata(token), DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);
        Assert.Equal((uint)desired.Grants.Count, reply.Accepted);
    }
}
