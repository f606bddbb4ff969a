using Ankra.Mesh.Grains.Tests.Fixtures;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>Deleting a cluster and changing a grant's role, at the grain.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ClusterGrainOnboardingTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TestData.Timeout;

    [Fact]
    public async Task Delete_ExistingCluster_EverythingRefusedAnnouncedAndTheIdNeverComesBack()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();
        var session = await TestData.RegisterAsync(cluster, "agent-0");
        var generation = (await cluster.GetAsync().WaitAsync(Timeout))!.Generation;
        var announced = RecordingAccessEvents.Instance.Published(id);

        Assert.True(await cluster.DeleteAsync().WaitAsync(Timeout));

        Assert.Null(await cluster.GetAsync().WaitAsync(Timeout));
        Assert.True(RecordingAccessEvents.Instance.Published(id) > announced);
        Assert.Equal(AccessDenialReason.ClusterNotFound, (await cluster.AuthorizeAsync("creator", generation).WaitAsync(Timeout)).Reason);
        Assert.Equal(ControlPlaneError.Unauthenticated, (await TestData.CheckInAsync(cluster, session, "agent-0")).Error);
        Assert.Equal(ControlPlaneError.Unauthenticated, (await cluster.NatsKeyOfSessionAsync(TestData.AgentHash, session, "agent-0").WaitAsync(Timeout)).Error);
        Assert.Equal(ControlPlaneError.Unauthenticated, (await cluster.RegisterAgentAsync(TestData.AgentHash, "agent-1", "1.0", "", "").WaitAsync(Timeout)).Error);
        Assert.False(await cluster.IsRegistrationTokenAsync(TestData.AgentHash).WaitAsync(Timeout));
        Assert.False(await cluster.IsRegistrationTokenAsync(string.Empty).WaitAsync(Timeout));
        Assert.False(await cluster.DeleteAsync().WaitAsync(Timeout));
        var recreated = await cluster.CreateAsync(new CreateClusterCommand { Name = "prod", Kind = AccessVocabulary.KindImported, OrganisationId = "o", AgentTokenHash = TestData.AgentHash })
            .WaitAsync(Timeout);
        Assert.Equal(ControlPlaneError.Conflict, recreated.Error);
    }

    [Fact]
    public async Task IsRegistrationToken_CurrentOrRotated_TrueOnlyForTheCurrentHash()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);

        Assert.True(await cluster.IsRegistrationTokenAsync(TestData.AgentHash).WaitAsync(Timeout));
        Assert.False(await cluster.IsRegistrationTokenAsync(SecretHash.Of("other")).WaitAsync(Timeout));
        await cluster.RotateAgentTokenAsync(SecretHash.Of("next")).WaitAsync(Timeout);
        Assert.False(await cluster.IsRegistrationTokenAsync(TestData.AgentHash).WaitAsync(Timeout));
        Assert.True(await cluster.IsRegistrationTokenAsync(SecretHash.Of("next")).WaitAsync(Timeout));
    }

    [Fact]
    public async Task ChangeGrantRole_ReportOfTheOldVersion_SkippedUntilACurrentReportArrives()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var grant = (await cluster.CreateGrantAsync(TestData.Grant("dev", ns: "apps")).WaitAsync(Timeout)).Value!;
        var session = await TestData.RegisterAsync(cluster, "agent-0");
        var before = (await TestData.CheckInAsync(cluster, session, "agent-0")).Value!;

        var changed = await cluster.ChangeGrantRoleAsync(grant.Id, "edit").WaitAsync(Timeout);
        var same = await cluster.ChangeGrantRoleAsync(grant.Id, "edit").WaitAsync(Timeout);
        var unknown = await cluster.ChangeGrantRoleAsync(MeshIdentifiers.NewId(), "edit").WaitAsync(Timeout);

        Assert.True(changed.Succeeded, changed.Message);
        Assert.Equal((grant.Id, "edit", AccessVocabulary.StatusPending, "apps"), (changed.Value!.Id, changed.Value.Role, changed.Value.ReconcileStatus, changed.Value.Namespace));
        Assert.True(same.Unchanged);
        Assert.Equal(ControlPlaneError.NotFound, unknown.Error);

        // The agent reconciled the old version (view) and reports after the change: not the new role's status.
        await ReportAsync(cluster, session, grant.Id, before.Version);
        Assert.Equal(AccessVocabulary.StatusPending, await StatusAsync(cluster, grant.Id));

        var after = (await TestData.CheckInAsync(cluster, session, "agent-0")).Value!;
        Assert.Equal("edit", after.Grants.Single(g => g.Id == grant.Id).Role);
        await ReportAsync(cluster, session, grant.Id, after.Version);
        Assert.Equal(AccessVocabulary.StatusApplied, await StatusAsync(cluster, grant.Id));
    }

    private static Task ReportAsync(IClusterGrain cluster, string session, string grantId, long version) =>
        cluster.ReportGrantStatusAsync(TestData.AgentHash, session, "agent-0",
            [new GrantReport { GrantId = grantId, Applied = true, ReconciledAt = DateTimeOffset.UtcNow, GrantsVersion = version }]).WaitAsync(Timeout);

    private static async Task<string> StatusAsync(IClusterGrain cluster, string grantId) =>
        (await cluster.ListGrantsAsync().WaitAsync(Timeout)).Single(g => g.Id == grantId).ReconcileStatus;
}
