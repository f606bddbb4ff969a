using Ankra.Mesh.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>A user: memberships, API token index, and the cluster-wide mint rate limiter.</summary>
internal sealed class UserGrain(
    [PersistentState("user", MeshStorage.Name)] IPersistentState<UserState> state,
    DeepCopier copier,
    IOptions<ControlPlaneOptions> options,
    TimeProvider time) : Grain, IUserGrain
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly CommittedState<UserState> _state = new(state, copier);

    // Sliding window of recent mints. Kept in memory on purpose: losing it when the grain moves
    // only ever allows a few extra mints, and persisting every mint would cost a write per mint.
    private readonly Queue<DateTimeOffset> _recentMints = new();

    private UserState S => _state.Current;

    public async Task<UserInfo> EnsureAsync(string email)
    {
        await ChangeAsync(user =>
        {
            if (user.Exists)
            {
                return false;
            }

            user.Exists = true;
            user.Email = email;
            return true;
        });
        return Info();
    }

    public Task<UserInfo?> GetAsync() => Task.FromResult(S.Exists ? Info() : null);

    public async Task<string> ChangeEmailAsync(string email)
    {
        var previous = string.Empty;
        await ChangeAsync(user =>
        {
            previous = user.Email;
            if (!user.Exists || user.Email == email)
            {
                return false;
            }

            user.Email = email;
            return true;
        });
        return previous;
    }

    public Task JoinOrganisationAsync(string organisationId) =>
        ChangeAsync(user => !user.OrganisationIds.Contains(organisationId) && Added(user.OrganisationIds, organisationId));

    public Task LeaveOrganisationAsync(string organisationId) => ChangeAsync(user => user.OrganisationIds.Remove(organisationId));

    public Task AddTokenAsync(string tokenId) => ChangeAsync(user => !user.TokenIds.Contains(tokenId) && Added(user.TokenIds, tokenId));

    public Task RemoveTokenAsync(string tokenId) => ChangeAsync(user => user.TokenIds.Remove(tokenId));

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

    private static bool Added(List<string> list, string item)
    {
        list.Add(item);
        return true;
    }

    /// <summary>Applies <paramref name="change"/> to a draft and writes it only when it reports a change.</summary>
    private async Task ChangeAsync(Func<UserState, bool> change)
    {
        var draft = await _state.EditAsync();
        if (change(draft))
        {
            await _state.CommitAsync(draft);
        }
    }

    private UserInfo Info() => new()
    {
        Id = this.GetPrimaryKeyString(),
        Email = S.Email,
        OrganisationIds = [.. S.OrganisationIds],
        TokenIds = [.. S.TokenIds],
    };
}
