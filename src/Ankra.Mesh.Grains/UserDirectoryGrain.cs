using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>Email → user id; creating the id here makes "one user per email" hold cluster-wide.</summary>
internal sealed class UserDirectoryGrain(
    [PersistentState("user-directory", MeshStorage.Name)] IPersistentState<UserDirectoryState> state,
    DeepCopier copier) : Grain, IUserDirectoryGrain
{
    private readonly CommittedState<UserDirectoryState> _state = new(state, copier);

    public async Task<string> GetOrCreateUserIdAsync()
    {
        // An id handed out is a stored id: one that failed to be written would name a user that a
        // later activation does not know, and the person would end up split across two ids.
        var draft = await _state.EditAsync();
        if (draft.UserId is null)
        {
            draft.UserId = MeshIdentifiers.NewId();
            await _state.CommitAsync(draft);
        }

        var userId = _state.Current.UserId!;
        await GrainFactory.GetGrain<IUserGrain>(userId).EnsureAsync(this.GetPrimaryKeyString());
        return userId;
    }

    public Task<string?> FindUserIdAsync() => Task.FromResult(_state.Current.UserId);

    public async Task<bool> ClaimAsync(string userId)
    {
        var draft = await _state.EditAsync();
        if (draft.UserId is not null)
        {
            return draft.UserId == userId;
        }

        draft.UserId = userId;
        await _state.CommitAsync(draft);
        return true;
    }

    /// <summary>
    /// After this, a sign-in with the old email finds no user (or, later, a new one): the person who holds that mailbox
    /// next is not the member whose email it was.
    /// </summary>
    public async Task ReleaseAsync(string userId)
    {
        var draft = await _state.EditAsync();
        if (draft.UserId == userId)
        {
            draft.UserId = null;
            await _state.CommitAsync(draft);
        }
    }
}
