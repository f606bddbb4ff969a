namespace Ankra.Mesh.Grains;

/// <summary>Creates a named organisation and its first admin exactly once.</summary>
internal sealed class BootstrapGrain(
    [PersistentState("bootstrap", MeshStorage.Name)] IPersistentState<BootstrapState> state) : Grain, IBootstrapGrain
{
    public async Task<string> EnsureOrganisationAsync(string adminEmail)
    {
        var userId = await GrainFactory.GetGrain<IUserDirectoryGrain>(adminEmail).GetOrCreateUserIdAsync();
        if (state.State.OrganisationId is null)
        {
            state.State.OrganisationId = MeshIdentifiers.NewId();
            await state.WriteStateAsync();
        }

        var organisation = GrainFactory.GetGrain<IOrganisationGrain>(state.State.OrganisationId);
        await organisation.CreateAsync(this.GetPrimaryKeyString(), userId, adminEmail);

        // Re-running bootstrap with another email adds that person as an admin too.
        if (await organisation.GetMemberAsync(userId) is null)
        {
            await organisation.AddMemberAsync(userId, adminEmail, AccessVocabulary.RoleAdmin);
        }

        return state.State.OrganisationId;
    }
}
