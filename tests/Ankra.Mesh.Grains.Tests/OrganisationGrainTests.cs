using Ankra.Mesh.Grains.Tests.Fixtures;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>Members: a failed add adds nobody; a removal revokes grants first (retried) and records itself last.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class OrganisationGrainTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TestData.Timeout;

    private FaultyGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task AddMember_StorageDown_NobodyAddedAndRetryAddsOnce()
    {
        var (organisation, id) = await NewOrganisationAsync();
        var userId = MeshIdentifiers.NewId();

        Storage.Fail(id, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => organisation.AddMemberAsync(userId, "m@test", "member").WaitAsync(Timeout));
        Assert.Null(await organisation.GetMemberAsync(userId).WaitAsync(Timeout));
        Storage.Heal(id);
        Assert.DoesNotContain(userId, Storage.Stored<OrganisationState>("organisation", id)!.Members.Keys);

        var added = await organisation.AddMemberAsync(userId, "m@test", "member").WaitAsync(Timeout);
        Assert.True(added.Succeeded && !added.Unchanged, added.Message);
        var again = await organisation.AddMemberAsync(userId, "m@test", "member").WaitAsync(Timeout);
        Assert.True(again.Succeeded && again.Unchanged, again.Message);
        Assert.Equal(ControlPlaneError.Conflict, (await organisation.AddMemberAsync(userId, "m@test", "admin").WaitAsync(Timeout)).Error);
    }

    [Fact]
    public async Task RemoveMember_ClusterStorageDown_MemberAndGrantsStayThenRetryRemoves()
    {
        var (organisation, _) = await NewOrganisationAsync();
        var (cluster, userId) = await MemberWithGrantAsync(organisation);
        var clusterId = cluster.GetPrimaryKeyString();

        Storage.Fail(clusterId, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => organisation.RemoveMemberAsync(userId).WaitAsync(Timeout));
        Assert.NotNull(await organisation.GetMemberAsync(userId).WaitAsync(Timeout));
        Assert.True((await cluster.AuthorizeAsync(userId, 0).WaitAsync(Timeout)).Allowed);

        Storage.Heal(clusterId);
        Assert.True((await organisation.RemoveMemberAsync(userId).WaitAsync(Timeout)).Succeeded);
        Assert.Null(await organisation.GetMemberAsync(userId).WaitAsync(Timeout));
        Assert.False((await cluster.AuthorizeAsync(userId, 0).WaitAsync(Timeout)).Allowed);
    }

    [Fact]
    public async Task RemoveMember_OrganisationStorageDown_GrantsRevokedFirstAndMemberStays()
    {
        var (organisation, id) = await NewOrganisationAsync();
        var (cluster, userId) = await MemberWithGrantAsync(organisation);

        Storage.Fail(id, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => organisation.RemoveMemberAsync(userId).WaitAsync(Timeout));
        Storage.Heal(id);

        // Fail closed: the grants went first, the removal is not recorded, a retry finishes it.
        Assert.False((await cluster.AuthorizeAsync(userId, 0).WaitAsync(Timeout)).Allowed);
        Assert.NotNull(await organisation.GetMemberAsync(userId).WaitAsync(Timeout));
        Assert.True((await organisation.RemoveMemberAsync(userId).WaitAsync(Timeout)).Succeeded);
        Assert.Null(await organisation.GetMemberAsync(userId).WaitAsync(Timeout));
        Assert.DoesNotContain(id, (await fixture.Grains.GetGrain<IUserGrain>(userId).GetAsync().WaitAsync(Timeout))!.OrganisationIds);
    }

    private async Task<(IOrganisationGrain Grain, string Id)> NewOrganisationAsync()
    {
        var id = MeshIdentifiers.NewId();
        var organisation = fixture.Grains.GetGrain<IOrganisationGrain>(id);
        await organisation.CreateAsync("acme", MeshIdentifiers.NewId(), "admin@test").WaitAsync(Timeout);
        return (organisation, id);
    }

    private async Task<(IClusterGrain Cluster, string UserId)> MemberWithGrantAsync(IOrganisationGrain organisation)
    {
        var userId = await fixture.Grains.GetGrain<IUserDirectoryGrain>($"{Guid.NewGuid():N}@test").GetOrCreateUserIdAsync().WaitAsync(Timeout);
        Assert.True((await organisation.AddMemberAsync(userId, "m@test", "member").WaitAsync(Timeout)).Succeeded);
        var cluster = await TestData.NewClusterAsync(fixture.Grains, organisation.GetPrimaryKeyString());
        await organisation.AddClusterAsync(cluster.GetPrimaryKeyString()).WaitAsync(Timeout);
        Assert.True((await cluster.CreateGrantAsync(TestData.Grant(userId)).WaitAsync(Timeout)).Succeeded);
        return (cluster, userId);
    }
}
