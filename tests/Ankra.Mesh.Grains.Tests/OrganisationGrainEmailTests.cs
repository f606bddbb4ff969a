using Ankra.Mesh.Grains.Tests.Fixtures;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>
/// A member's email change: every cluster's grants (and so the agents' bindings and the edges' decisions) follow, the
/// old address no longer finds the user, and the user id — the uid the cluster sees — stays.
/// </summary>
[Collection(GrainClusterCollection.Name)]
public sealed class OrganisationGrainEmailTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TestData.Timeout;

    [Fact]
    public async Task ChangeMemberEmail_MemberWithGrantsOnTwoClusters_EveryGrantDecisionAndDesiredSetNamesTheNewEmail()
    {
        var (organisation, organisationId) = await NewOrganisationAsync();
        var (userId, oldEmail) = await NewMemberAsync(organisation);
        var clusters = new[] { await ClusterWithGrantAsync(organisation, userId, oldEmail), await ClusterWithGrantAsync(organisation, userId, oldEmail) };
        var sessions = new List<string>();
        foreach (var cluster in clusters)
        {
            sessions.Add(await TestData.RegisterAsync(cluster, "r0"));
        }

        var versionsBefore = new List<long>();
        foreach (var (cluster, session) in clusters.Zip(sessions))
        {
            versionsBefore.Add((await TestData.CheckInAsync(cluster, session, "r0")).Value!.Version);
        }

        var eventsBefore = clusters.Select(c => RecordingAccessEvents.Instance.Published(c.GetPrimaryKeyString())).ToList();
        var newEmail = $"renamed-{Guid.NewGuid():N}@example.com";

        var changed = await organisation.ChangeMemberEmailAsync(userId, newEmail).WaitAsync(Timeout);

        Assert.True(changed.Succeeded && !changed.Unchanged, changed.Message);
        Assert.Equal(newEmail, changed.Value!.Email);
        Assert.Equal(newEmail, (await organisation.GetMemberAsync(userId).WaitAsync(Timeout))!.Email);
        Assert.Equal(newEmail, (await fixture.Grains.GetGrain<IUserGrain>(userId).GetAsync().WaitAsync(Timeout))!.Email);
        Assert.Equal(userId, await fixture.Grains.GetGrain<IUserDirectoryGrain>(newEmail).FindUserIdAsync().WaitAsync(Timeout));
        Assert.Null(await fixture.Grains.GetGrain<IUserDirectoryGrain>(oldEmail).FindUserIdAsync().WaitAsync(Timeout));
        for (var i = 0; i < clusters.Length; i++)
        {
            var decision = await clusters[i].AuthorizeAsync(userId, 0).WaitAsync(Timeout);
            Assert.True(decision.Allowed);
            Assert.Equal(newEmail, decision.KubernetesUser);
            Assert.Equal(userId, decision.KubernetesUid);
            Assert.Equal(organisationId, decision.OrganisationId);

            // The agents get a new desired set naming the new email, the grant is pending until they rebind,
            // and the edges were told (their cached decisions carried the old name).
            var desired = (await TestData.CheckInAsync(clusters[i], sessions[i], "r0")).Value!;
            Assert.True(desired.Version > versionsBefore[i]);
            var grant = desired.Grants.Single(g => g.AnkraUserId == userId);
            Assert.Equal(newEmail, grant.UserEmail);
            Assert.Equal(AccessVocabulary.StatusPending, grant.ReconcileStatus);
            Assert.True(RecordingAccessEvents.Instance.Published(clusters[i].GetPrimaryKeyString()) > eventsBefore[i]);
            Assert.DoesNotContain(desired.Grants, g => g.UserEmail == oldEmail);
        }

        var again = await organisation.ChangeMemberEmailAsync(userId, newEmail).WaitAsync(Timeout);
        Assert.True(again.Succeeded && again.Unchanged, again.Message);
    }

    [Fact]
    public async Task ChangeMemberEmail_EmailOfAnotherUser_ConflictAndNothingChanged()
    {
        var (organisation, _) = await NewOrganisationAsync();
        var (userId, oldEmail) = await NewMemberAsync(organisation);
        var cluster = await ClusterWithGrantAsync(organisation, userId, oldEmail);
        var (_, takenEmail) = await NewMemberAsync(organisation);

        var refused = await organisation.ChangeMemberEmailAsync(userId, takenEmail).WaitAsync(Timeout);

        Assert.Equal(ControlPlaneError.Conflict, refused.Error);
        Assert.Contains("already used", refused.Message, StringComparison.Ordinal);
        Assert.Equal(oldEmail, (await organisation.GetMemberAsync(userId).WaitAsync(Timeout))!.Email);
        Assert.Equal(oldEmail, (await cluster.AuthorizeAsync(userId, 0).WaitAsync(Timeout)).KubernetesUser);
        Assert.Equal(userId, await fixture.Grains.GetGrain<IUserDirectoryGrain>(oldEmail).FindUserIdAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ChangeMemberEmail_UserAlsoInAnotherOrganisation_ConflictAndNothingChanged()
    {
        var (organisation, _) = await NewOrganisationAsync();
        var (other, _) = await NewOrganisationAsync();
        var (userId, oldEmail) = await NewMemberAsync(organisation);
        Assert.True((await other.AddMemberAsync(userId, oldEmail, "member").WaitAsync(Timeout)).Succeeded);
        var newEmail = $"renamed-{Guid.NewGuid():N}@example.com";

        var refused = await organisation.ChangeMemberEmailAsync(userId, newEmail).WaitAsync(Timeout);

        Assert.Equal(ControlPlaneError.Conflict, refused.Error);
        Assert.Contains("another organisation", refused.Message, StringComparison.Ordinal);
        Assert.Null(await fixture.Grains.GetGrain<IUserDirectoryGrain>(newEmail).FindUserIdAsync().WaitAsync(Timeout));
        Assert.Equal(oldEmail, (await fixture.Grains.GetGrain<IUserGrain>(userId).GetAsync().WaitAsync(Timeout))!.Email);
    }

    [Fact]
    public async Task ChangeMemberEmail_ClusterStorageDown_FailsThenRetryFinishesAndOldEmailReleased()
    {
        var (organisation, _) = await NewOrganisationAsync();
        var (userId, oldEmail) = await NewMemberAsync(organisation);
        var cluster = await ClusterWithGrantAsync(organisation, userId, oldEmail);
        var clusterId = cluster.GetPrimaryKeyString();
        var newEmail = $"renamed-{Guid.NewGuid():N}@example.com";

        fixture.Storage.Fail(clusterId, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => organisation.ChangeMemberEmailAsync(userId, newEmail).WaitAsync(Timeout));
        fixture.Storage.Heal(clusterId);

        // Half-way: the member record still shows the old email and the cluster still names it; a retry finishes.
        Assert.Equal(oldEmail, (await organisation.GetMemberAsync(userId).WaitAsync(Timeout))!.Email);
        Assert.Equal(oldEmail, (await cluster.AuthorizeAsync(userId, 0).WaitAsync(Timeout)).KubernetesUser);
        var retried = await organisation.ChangeMemberEmailAsync(userId, newEmail).WaitAsync(Timeout);
        Assert.True(retried.Succeeded && !retried.Unchanged, retried.Message);
        Assert.Equal(newEmail, (await cluster.AuthorizeAsync(userId, 0).WaitAsync(Timeout)).KubernetesUser);
        Assert.Null(await fixture.Grains.GetGrain<IUserDirectoryGrain>(oldEmail).FindUserIdAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task ChangeMemberEmail_NotAMember_NotFound()
    {
        var (organisation, _) = await NewOrganisationAsync();

        var refused = await organisation.ChangeMemberEmailAsync(MeshIdentifiers.NewId(), "x@example.com").WaitAsync(Timeout);

        Assert.Equal(ControlPlaneError.NotFound, refused.Error);
    }

    private async Task<(IOrganisationGrain Grain, string Id)> NewOrganisationAsync()
    {
        var id = MeshIdentifiers.NewId();
        var organisation = fixture.Grains.GetGrain<IOrganisationGrain>(id);
        await organisation.CreateAsync("acme", MeshIdentifiers.NewId(), "admin@test").WaitAsync(Timeout);
        return (organisation, id);
    }

    private async Task<(string UserId, string Email)> NewMemberAsync(IOrganisationGrain organisation)
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        var userId = await fixture.Grains.GetGrain<IUserDirectoryGrain>(email).GetOrCreateUserIdAsync().WaitAsync(Timeout);
        Assert.True((await organisation.AddMemberAsync(userId, email, "member").WaitAsync(Timeout)).Succeeded);
        return (userId, email);
    }

    private async Task<IClusterGrain> ClusterWithGrantAsync(IOrganisationGrain organisation, string userId, string email)
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains, organisation.GetPrimaryKeyString());
        await organisation.AddClusterAsync(cluster.GetPrimaryKeyString()).WaitAsync(Timeout);
        var grant = TestData.Grant(userId);
        var created = await cluster.CreateGrantAsync(new GrantRequest { UserId = userId, UserEmail = email, Scope = grant.Scope, Role = grant.Role }).WaitAsync(Timeout);
        Assert.True(created.Succeeded, created.Message);
        return cluster;
    }
}
