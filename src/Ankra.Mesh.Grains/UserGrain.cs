using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Grains;

/// <summary>A user: memberships, API token index, and the cluster-wide mint rate limiter.</summary>
internal sealed class UserGrain(
    [PersistentState("user", MeshStorage.Name)] IPersistentState<UserState> state,
    IOptions<ControlPlaneOptions> options,
    TimeProvider time) : Grain, IUserGrain
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    // Sliding window of recent mints. Kept in memory on purpose: losing it when the grain moves
    // only ever allows a few extra mints, and persisting every mint would cost a write per mint.
    private readonly Queue<DateTimeOffset> _recentMints = new();

    private UserState S => state.State;

    public async Task<UserInfo> EnsureAsync(string email)
    {
        if (!S.Exists)
        {
            S.Exists = true;
            S.Email = email;
            await state.WriteStateAsync();
        }

        return Info();
    }

    public Task<UserInfo?> GetAsync() => Task.FromResult(S.Exists ? Info() : null);

    public Task JoinOrganisationAsync(string organisationId) =>
        S.OrganisationIds.Contains(organisationId) ? Task.CompletedTask : MutateAsync(() => S.OrganisationIds.Add(organisationId));

    public Task LeaveOrganisationAsync(string organisationId) => MutateAsync(() => S.OrganisationIds.Remove(organisationId));

    public Task AddTokenAsync(string tokenId) => MutateAsync(() => S.TokenIds.Add(tokenId));

    public Task RemoveTokenAsync(string tokenId) => MutateAsync(() => S.TokenIds.Remove(tokenId));

    public Task<MintPermit> TryAcquireMintAsync()
    {
        var now = time.GetUtcNow();
        while (_recentMints.TryPeek(out var oldest) && now - oldest >= Window)
        {
            _recentMints.Dequeue();
        }

        if (_recentMints.Count >= options.Value.MintsPerMinute)
        {
            var retry = Window - (now - _recentMints.Peek());
            return Task.FromResult(new MintPermit { Granted = false, RetryAfter = retry < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : retry });
        }

        _recentMints.Enqueue(now);
        return Task.FromResult(new MintPermit { Granted = true });
    }

    private async Task MutateAsync(Action change)
    {
        change();
        await state.WriteStateAsync();
    }

    private UserInfo Info() => new()
    {
        Id = this.GetPrimaryKeyString(),
        Email = S.Email,
        OrganisationIds = [.. S.OrganisationIds],
        TokenIds = [.. S.TokenIds],
    };
}
