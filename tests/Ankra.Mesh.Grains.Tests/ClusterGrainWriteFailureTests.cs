using Ankra.Mesh.Grains.Tests.Fixtures;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>A cluster grain's write that fails changes nothing, announces nothing, and a retry does it once.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ClusterGrainWriteFailureTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TestData.Timeout;

    private FaultyGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task CreateGrant_StorageDown_ThrowsAndNoLaterWritePersistsIt()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();
        var announced = RecordingAccessEvents.Instance.Published(id);

        Storage.Fail(id, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.CreateGrantAsync(TestData.Grant("failed-user")).WaitAsync(Timeout));
        Assert.DoesNotContain(await cluster.ListGrantsAsync().WaitAsync(Timeout), g => g.AnkraUserId == "failed-user");
        Assert.Equal(announced, RecordingAccessEvents.Instance.Published(id));

        // The next successful write (another grant) must not carry the failed one into storage.
        Storage.Heal(id);
        Assert.True((await cluster.CreateGrantAsync(TestData.Grant("other-user")).WaitAsync(Timeout)).Succeeded);
        var stored = Storage.Stored<ClusterState>("cluster", id)!;
        Assert.DoesNotContain(stored.Grants.Values, g => g.AnkraUserId == "failed-user");
        Assert.Contains(stored.Grants.Values, g => g.AnkraUserId == "other-user");

        var retried = await cluster.CreateGrantAsync(TestData.Grant("failed-user")).WaitAsync(Timeout);
        Assert.True(retried.Succeeded && !retried.Unchanged, retried.Message);
        Assert.Single(Storage.Stored<ClusterState>("cluster", id)!.Grants.Values, g => g.AnkraUserId == "failed-user");
    }

    [Fact]
    public async Task DeleteGrant_StorageDown_GrantStaysAndRetryDeletesIt()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();
        var grant = (await cluster.CreateGrantAsync(TestData.Grant("user", "apps")).WaitAsync(Timeout)).Value!;
        var version = Storage.Stored<ClusterState>("cluster", id)!.GrantsVersion;

        Storage.Fail(id, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.DeleteGrantAsync(grant.Id).WaitAsync(Timeout));
        var decision = await cluster.AuthorizeAsync("user", 0).WaitAsync(Timeout);
        Assert.True(decision.Allowed);
        Assert.Equal(grant.Id, decision.GrantId);

        Storage.Heal(id);
        Assert.True(await cluster.DeleteGrantAsync(grant.Id).WaitAsync(Timeout));
        var stored = Storage.Stored<ClusterState>("cluster", id)!;
        Assert.DoesNotContain(grant.Id, stored.Grants.Keys);
        Assert.Equal(version + 1, stored.GrantsVersion);
    }

    [Fact]
    public async Task CreateGrant_WriteLandedButReportedFailure_RetryReturnsThatGrantUnchanged()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();

        Storage.Fail(id, StorageFault.CommitThenThrow);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.CreateGrantAsync(TestData.Grant("user", "apps")).WaitAsync(Timeout));
        Storage.Heal(id);
        var landed = Assert.Single(Storage.Stored<ClusterState>("cluster", id)!.Grants.Values, g => g.AnkraUserId == "user");

        // The grain re-reads storage before its next change, so the retry finds the grant that landed.
        var retried = await cluster.CreateGrantAsync(TestData.Grant("user", "apps")).WaitAsync(Timeout);
        Assert.True(retried.Succeeded && retried.Unchanged, retried.Message);
        Assert.Equal(landed.Id, retried.Value!.Id);

        // And it is not stuck on a stale version: the next change is written.
        Assert.True(await cluster.DeleteGrantAsync(landed.Id).WaitAsync(Timeout));
        Assert.DoesNotContain(landed.Id, Storage.Stored<ClusterState>("cluster", id)!.Grants.Keys);
    }

    [Fact]
    public async Task CreateGrant_SameNaturalKeyOtherRole_Conflict()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        Assert.True((await cluster.CreateGrantAsync(TestData.Grant("user", "apps", "view")).WaitAsync(Timeout)).Succeeded);

        var other = await cluster.CreateGrantAsync(TestData.Grant("user", "apps", "edit")).WaitAsync(Timeout);
        Assert.Equal(ControlPlaneError.Conflict, other.Error);
        Assert.Contains("delete it first", other.Message, StringComparison.Ordinal);
        var elsewhere = await cluster.CreateGrantAsync(TestData.Grant("user", "web", "edit")).WaitAsync(Timeout);
        Assert.True(elsewhere.Succeeded && !elsewhere.Unchanged);
    }

    [Fact]
    public async Task RevokeAll_StorageDown_TokensOfTheGenerationStayValid()
    {
        var cluster = await TestData.NewClusterAsync(fixture.Grains);
        var id = cluster.GetPrimaryKeyString();

        Storage.Fail(id, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => cluster.RevokeAllAsync().WaitAsync(Timeout));
        Storage.Heal(id);

        var decision = await cluster.AuthorizeAsync("creator", 0).WaitAsync(Timeout);
        Assert.True(decision.Allowed, decision.Message);
        Assert.Equal(0, decision.Generation);
    }
}
