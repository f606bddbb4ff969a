using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>
/// One API token: hash, owner, expiry, revocation, last use. The token's own record is what makes it
/// valid; the owner's token list is an index. So a new token is indexed first and stored last: when the
/// record cannot be written the caller gets the failure and no token exists (the index entry of a token
/// that does not exist lists nothing).
/// </summary>
internal sealed class ApiTokenGrain(
    [PersistentState("api-token", MeshStorage.Name)] IPersistentState<ApiTokenState> state,
    DeepCopier copier,
    TimeProvider time,
    ILogger<ApiTokenGrain> logger) : Grain, IApiTokenGrain
{
    // last_used_at is informational: writing it at most once a minute keeps validation read-only
    // for busy clients.
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private readonly CommittedState<ApiTokenState> _state = new(state, copier);

    // After a failed last-use write, validation does not try again for a while: an unreachable
    // database must not slow every authenticated call down.
    private DateTimeOffset _nextLastUseWrite = DateTimeOffset.MinValue;

    private ApiTokenState S => _state.Current;

    private string TokenId => this.GetPrimaryKeyString();

    public async Task<Outcome<ApiTokenInfo>> CreateAsync(string userId, string name, string secretHash, DateTimeOffset expiresAt)
    {
        var draft = await _state.EditAsync();
        if (draft.Exists)
        {
            return Outcome<ApiTokenInfo>.Fail(ControlPlaneError.Conflict, "Token id already in use");
        }

        await GrainFactory.GetGrain<IUserGrain>(userId).AddTokenAsync(TokenId);
        draft.Exists = true;
        draft.UserId = userId;
        draft.Name = name;
        draft.SecretHash = secretHash;
        draft.CreatedAt = time.GetUtcNow();
        draft.ExpiresAt = expiresAt;
        await _state.CommitAsync(draft);
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

        if ((S.LastUsedAt is null || now - S.LastUsedAt >= LastUsedResolution) && now >= _nextLastUseWrite)
        {
            await RecordLastUseAsync(now);
        }

        return Outcome<string>.Ok(S.UserId);
    }

    public Task<ApiTokenInfo?> GetAsync() => Task.FromResult(S.Exists && !S.Revoked ? Info() : null);

    public async Task<bool> RevokeAsync(string userId)
    {
        var draft = await _state.EditAsync();
        if (!draft.Exists || draft.Revoked || draft.UserId != userId)
        {
            return false;
        }

        draft.Revoked = true;
        await _state.CommitAsync(draft);
        try
        {
            await GrainFactory.GetGrain<IUserGrain>(userId).RemoveTokenAsync(TokenId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The revocation is stored; a revoked token in the index is listed as nothing.
            GrainsLog.UserIndexNotUpdated(logger, userId, "a token revocation", exception);
        }

        return true;
    }

    /// <summary>Best effort: a token stays valid while its last use cannot be recorded.</summary>
    private async Task RecordLastUseAsync(DateTimeOffset now)
    {
        try
        {
            var draft = await _state.EditAsync();
            draft.LastUsedAt = now;
            await _state.CommitAsync(draft);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            _nextLastUseWrite = now + LastUsedResolution;
            GrainsLog.TokenLastUseNotRecorded(logger, TokenId, exception);
        }
    }

    private ApiTokenInfo Info() => new()
    {
        Id = TokenId,
        Name = S.Name,
        CreatedAt = S.CreatedAt,
        ExpiresAt = S.ExpiresAt,
        LastUsedAt = S.LastUsedAt,
        UserId = S.UserId,
    };
}
