using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>Creates a named organisation and its first admin exactly once.</summary>
internal sealed class BootstrapGrain(
    [PersistentState("bootstrap", MeshStorage.Name)] IPersistentState<BootstrapState> state,
    DeepCopier copier) : Grain, IBootstrapGrain
{
    private readonly CommittedState<BootstrapState> _state = new(state, copier);

    public async Task<string> EnsureOrganisationAsync(string adminEmail)
    {
        var userId = await GrainFactory.GetGrain<IUserDirectoryGrain>(adminEmail).GetOrCreateUserIdAsync();

        // The id is used only once stored: otherwise a failed first start would create an organisation
        // under an id that the next start, reading storage, does not know, and make a second one.
        var draft = await _state.EditAsync();
        if (draft.OrganisationId is null)
        {
            draft.OrganisationId = MeshIdentifiers.NewId();
            await _state.CommitAsync(draft);
        }

        var organisationId = _state.Current.OrganisationId!;
        var organisation = GrainFactory.GetGrain<IOrganisationGrain>(organisationId);
        await organisation.CreateAsync(this.GetPrimaryKeyString(), userId, adminEmail);

        // Re-running bootstrap with another email adds that person as an admin too.
        if (await organisation.GetMemberAsync(userId) is null)
        {
            await organisation.AddMemberAsync(userId, adminEmail, AccessVocabulary.RoleAdmin);
        }

        return organisationId;
    }
}
