using Ankra.Mesh.Grains.Tests.Fixtures;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>Agent sessions: writes only on change, expiry by last check-in, a bound per cluster.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ClusterGrainAgentTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TestData.Timeout;

    private FaultyGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task CheckInAndReport_TenTimesWithUnchangedGrants_NoWrites()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();
        var session = await TestData.RegisterAsync(cluster, "agent-0");
        var desired = (await TestData.CheckInAsync(cluster, session, "agent-0")).Value!;
        var reports = desired.Grants.Select(g => new GrantReport { GrantId = g.Id, Applied = true, ReconciledAt = DateTimeOffset.UtcNow }).ToList();
        Assert.Equal(reports.Count, (await cluster.ReportGrantStatusAsync(TestData.AgentHash, session, "agent-0", reports).WaitAsync(Timeout)).Value);
        var writes = Storage.Writes(id);

        for (var i = 0; i < 10; i++)
        {
            Assert.True((await TestData.CheckInAsync(cluster, session, "agent-0")).Succeeded);
            var again = reports.Select(r => new GrantReport { GrantId = r.GrantId, Applied = true, ReconciledAt = DateTimeOffset.UtcNow }).ToList();
            Assert.Equal(reports.Count, (await cluster.ReportGrantStatusAsync(TestData.AgentHash, session, "agent-0", again).WaitAsync(Timeout)).Value);
        }

        Assert.Equal(writes, Storage.Writes(id));

        // A report that does change a status is written.
        var failed = new GrantReport { GrantId = reports[0].GrantId, Applied = false, Error = "forbidden", ReconciledAt = DateTimeOffset.UtcNow };
        await cluster.ReportGrantStatusAsync(TestData.AgentHash, session, "agent-0", [failed]).WaitAsync(Timeout);
        Assert.Equal(writes + 1, Storage.Writes(id));
        Assert.Equal(AccessVocabulary.StatusFailed, Storage.Stored<ClusterState>("cluster", id)!.Grants[reports[0].GrantId].ReconcileStatus);
    }

    [Fact]
    public async Task CheckIn_StorageDownWhileOnline_StillAnswersDesiredGrants()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();
        var session = await TestData.RegisterAsync(cluster, "agent-0");

        Storage.Fail(id, StorageFault.Down);
        try
        {
            var desired = await TestData.CheckInAsync(cluster, session, "agent-0");
            Assert.True(desired.Succeeded, desired.Message);
            Assert.Single(desired.Value!.Grants);
        }
        finally
        {
            Storage.Heal(id);
        }
    }

    [Fact]
    public async Task CheckIn_StorageDownWhileSessionsExpire_AgentStaysLiveAndPruneWaitsForStorage()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();
        var gone = await TestData.RegisterAsync(cluster, "gone");
        var live = await TestData.RegisterAsync(cluster, "live");

        // Storage goes down; the live replica keeps checking in while the silent one's session expires,
        // which turns its check-ins into writes that fail.
        Storage.Fail(id, StorageFault.Down);
        try
        {
            await TestData.EventuallyAsync(async () =>
            {
                var answer = await TestData.CheckInAsync(cluster, live, "live");
                Assert.True(answer.Succeeded, answer.Message);
                return (await cluster.GetAsync().WaitAsync(Timeout))!.Sessions.All(s => s.SessionId != gone);
            }, "the silent replica's session expires");
            var after = await TestData.CheckInAsync(cluster, live, "live");
            Assert.True(after.Succeeded, after.Message);
            Assert.True((await cluster.GetAsync().WaitAsync(Timeout))!.Online);
        }
        finally
        {
            Storage.Heal(id);
        }

        Assert.Equal(2, Storage.Stored<ClusterState>("cluster", id)!.Sessions.Count);
        Assert.True((await TestData.CheckInAsync(cluster, live, "live")).Succeeded);
        Assert.Equal(["live"], Storage.Stored<ClusterState>("cluster", id)!.Sessions.Keys);
    }

    [Fact]
    public async Task Register_StorageDown_ThrowsAndIssuesNoSession()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();

        Storage.Fail(id, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.RegisterAgentAsync(TestData.AgentHash, "agent-0", "1.0", "v1", string.Empty).WaitAsync(Timeout));
        Storage.Heal(id);

        Assert.Empty((await cluster.GetAsync().WaitAsync(Timeout))!.Sessions);
        Assert.Empty(Storage.Stored<ClusterState>("cluster", id)!.Sessions);
    }

    [Fact]
    public async Task Register_HundredNewReplicaIds_SessionsBoundedThenOnlyLiveOnesRemain()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();
        string[] live = ["live-0", "live-1"];
        var sessions = new Dictionary<string, string>();
        foreach (var replica in live)
        {
            sessions[replica] = await TestData.RegisterAsync(cluster, replica);
        }

        async Task CheckInLiveAsync()
        {
            foreach (var replica in live)
            {
                var answer = await TestData.CheckInAsync(cluster, sessions[replica], replica);
                Assert.True(answer.Succeeded, $"{replica}: {answer.Message}");
            }
        }

        // A rollout per iteration: a new pod name registers, the previous one is never heard from again.
        var maxStored = 0;
        for (var i = 0; i < 100; i++)
        {
            if (i % 5 == 0)
            {
                await CheckInLiveAsync();
            }

            await TestData.RegisterAsync(cluster, $"pod-{i}");
            maxStored = Math.Max(maxStored, Storage.Stored<ClusterState>("cluster", id)!.Sessions.Count);
        }

        Assert.True(maxStored <= TestSiloConfigurator.MaxSessionsPerCluster, $"{maxStored} sessions stored");
        await TestData.EventuallyAsync(async () =>
        {
            await CheckInLiveAsync();
            var listed = (await cluster.GetAsync().WaitAsync(Timeout))!.Sessions;
            var stored = Storage.Stored<ClusterState>("cluster", id)!.Sessions;
            return listed.Count <= live.Length && stored.Count <= live.Length;
        }, "only the live replicas' sessions remain");

        var remaining = (await cluster.GetAsync().WaitAsync(Timeout))!.Sessions.Select(s => s.ReplicaId).Order();
        Assert.Equal(live, remaining);
    }

    [Fact]
    public async Task CheckIn_SessionExpired_FencedRegisterAgain()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var session = await TestData.RegisterAsync(cluster, "agent-0");

        await TestData.EventuallyAsync(async () => (await cluster.GetAsync().WaitAsync(Timeout))!.Sessions.All(s => s.SessionId != session), "the session expires");
        Assert.Empty((await cluster.GetAsync().WaitAsync(Timeout))!.Sessions);
        Assert.Empty((await cluster.AuthorizeAsync("creator", 0).WaitAsync(Timeout)).SessionIds);

        var refused = await TestData.CheckInAsync(cluster, session, "agent-0");
        Assert.Equal(ControlPlaneError.Fenced, refused.Error);
        Assert.Contains("register again", refused.Message, StringComparison.Ordinal);

        var fresh = await TestData.RegisterAsync(cluster, "agent-0");
        Assert.True((await TestData.CheckInAsync(cluster, fresh, "agent-0")).Succeeded);
    }
}
