namespace Ankra.Mesh.Grains;

/// <summary>Email → user id; creating the id here makes "one user per email" hold cluster-wide.</summary>
internal sealed class UserDirectoryGrain(
    [PersistentState("user-directory", MeshStorage.Name)] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    public async Task<string> GetOrCreateUserIdAsync()
    {
        if (state.State.UserId is null)
        {
            state.State.UserId = MeshIdentifiers.NewId();
            await state.WriteStateAsync();
        }

        await GrainFactory.GetGrain<IUserGrain>(state.State.UserId).EnsureAsync(this.GetPrimaryKeyString());
        return state.State.UserId;
    }

    public Task<string?> FindUserIdAsync() => Task.FromResult(state.State.UserId);
}
