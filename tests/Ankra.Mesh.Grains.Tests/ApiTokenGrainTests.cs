using Ankra.Mesh.Grains.Tests.Fixtures;

namespace Ankra.Mesh.Grains.Tests;

/// <summary>Tokens and the user directory: nothing exists that was not stored; validation needs no write.</summary>
[Collection(GrainClusterCollection.Name)]
public sealed class ApiTokenGrainTests(GrainClusterFixture fixture)
{
    private static readonly TimeSpan Timeout = TestData.Timeout;

    private FaultyGrainStorage Storage => fixture.Storage;

    [Fact]
    public async Task Create_StorageDown_NoTokenAndRetryCreates()
    {
        var id = Guid.NewGuid().ToString("N");
        var token = fixture.Grains.GetGrain<IApiTokenGrain>(id);
        Assert.Null(await token.GetAsync().WaitAsync(Timeout));

        Storage.Fail(id, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => token.CreateAsync("owner", "ci", SecretHash.Of("s"), DateTimeOffset.UtcNow.AddDays(1)).WaitAsync(Timeout));
        Assert.Null(await token.GetAsync().WaitAsync(Timeout));
        Assert.Equal(ControlPlaneError.Unauthenticated, (await token.ValidateAsync(SecretHash.Of("s")).WaitAsync(Timeout)).Error);
        Storage.Heal(id);
        Assert.Null(Storage.Stored<ApiTokenState>("api-token", id));

        Assert.True((await token.CreateAsync("owner", "ci", SecretHash.Of("s"), DateTimeOffset.UtcNow.AddDays(1)).WaitAsync(Timeout)).Succeeded);
        Assert.True(Storage.Stored<ApiTokenState>("api-token", id)!.Exists);
    }

    [Fact]
    public async Task Validate_LastUseCannotBeWritten_TokenStillValid()
    {
        var id = Guid.NewGuid().ToString("N");
        var token = fixture.Grains.GetGrain<IApiTokenGrain>(id);
        Assert.True((await token.CreateAsync("owner", "ci", SecretHash.Of("s"), DateTimeOffset.UtcNow.AddDays(1)).WaitAsync(Timeout)).Succeeded);

        Storage.Fail(id, StorageFault.Down);
        try
        {
            var valid = await token.ValidateAsync(SecretHash.Of("s")).WaitAsync(Timeout);
            Assert.True(valid.Succeeded, valid.Message);
            Assert.Equal("owner", valid.Value);
        }
        finally
        {
            Storage.Heal(id);
        }

        Assert.Null(Storage.Stored<ApiTokenState>("api-token", id)!.LastUsedAt);
    }

    [Fact]
    public async Task UserDirectory_StorageDown_HandsOutNoIdThenTheStoredOne()
    {
        var email = $"{Guid.NewGuid():N}@test";
        var directory = fixture.Grains.GetGrain<IUserDirectoryGrain>(email);
        Assert.Null(await directory.FindUserIdAsync().WaitAsync(Timeout));

        Storage.Fail(email, StorageFault.Down);
        await Assert.ThrowsAnyAsync<Exception>(() => directory.GetOrCreateUserIdAsync().WaitAsync(Timeout));
        Assert.Null(await directory.FindUserIdAsync().WaitAsync(Timeout));
        Storage.Heal(email);

        var userId = await directory.GetOrCreateUserIdAsync().WaitAsync(Timeout);
        Assert.Equal(userId, Storage.Stored<UserDirectoryState>("user-directory", email)!.UserId);
        Assert.Equal(userId, await directory.GetOrCreateUserIdAsync().WaitAsync(Timeout));
    }
}
