namespace Ankra.Mesh.Grains;

/// <summary>One API token: hash, owner, expiry, revocation, last use.</summary>
internal sealed class ApiTokenGrain(
    [PersistentState("api-token", MeshStorage.Name)] IPersistentState<ApiTokenState> state,
    TimeProvider time) : Grain, IApiTokenGrain
{
    // last_used_at is informational: writing it at most once a minute keeps validation read-only
    // for busy clients.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private ApiTokenState S => state.State;

    public async Task<Outcome<ApiTokenInfo>> CreateAsync(string userId, string name, string secretHash, DateTimeOffset expiresAt)
    {
        if (S.Exists)
        {
            return Outcome<ApiTokenInfo>.Fail(ControlPlaneError.Conflict, "Token id already in use");
        }

        S.Exists = true;
        S.UserId = userId;
        S.Name = name;
        S.SecretHash = secretHash;
        S.CreatedAt = time.GetUtcNow();
        S.ExpiresAt = expiresAt;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).AddTokenAsync(this.GetPrimaryKeyString());
        return Outcome<ApiTokenInfo>.Ok(Info());
    }

    public async Task<Outcome<string>> ValidateAsync(string secretHash)
    {
        var now = time.GetUtcNow();
        if (!S.Exists || S.Revoked || !SecretHash.Matches(S.SecretHash, secretHash))
        {
            return Outcome<string>.Fail(ControlPlaneError.Unauthenticated, "Invalid API token");
        }

        if (now >= S.ExpiresAt)
        {
            return Outcome<string>.Fail(ControlPlaneError.Unauthenticated, "API token expired; run `ankra login` again");
        }

        if (S.LastUsedAt is null || now - S.LastUsedAt >= LastUsedResolution)
        {
            S.LastUsedAt = now;
            await state.WriteStateAsync();
        }

        return Outcome<string>.Ok(S.UserId);
    }

    public Task<ApiTokenInfo?> GetAsync() => Task.FromResult(S.Exists && !S.Revoked ? Info() : null);

    public async Task<bool> RevokeAsync(string userId)
    {
        if (!S.Exists || S.Revoked || S.UserId != userId)
        {
            return false;
        }

        S.Revoked = true;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).RemoveTokenAsync(this.GetPrimaryKeyString());
        return true;
    }

    private ApiTokenInfo Info() => new()
    {
        Id = this.GetPrimaryKeyString(),
        Name = S.Name,
        CreatedAt = S.CreatedAt,
        ExpiresAt = S.ExpiresAt,
        LastUsedAt = S.LastUsedAt,
        UserId = S.UserId,
    };
}
