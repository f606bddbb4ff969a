using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace Ankra.Mesh.Grains;

/// <summary>
/// An organisation: members with roles and the cluster index. The organisation's own record is what
/// makes someone a member (the edge checks it on every call); the user's list of organisations is an
/// index for choosing a default. So a membership is indexed on the user first and recorded here last:
/// when the record cannot be written, the caller gets the failure and nobody became a member.
/// </summary>
internal sealed class OrganisationGrain(
    [PersistentState("organisation", MeshStorage.Name)] IPersistentState<OrganisationState> state,
    DeepCopier copier,
    TimeProvider time,
    ILogger<OrganisationGrain> logger) : Grain, IOrganisationGrain
{
    private readonly CommittedState<OrganisationState> _state = new(state, copier);

    private OrganisationState S => _state.Current;

    private string OrganisationId => this.GetPrimaryKeyString();

    public async Task<OrganisationInfo> CreateAsync(string name, string adminUserId, string adminEmail)
    {
        var draft = await _state.EditAsync();
        if (!draft.Exists)
        {
            await GrainFactory.GetGrain<IUserGrain>(adminUserId).JoinOrganisationAsync(OrganisationId);
            draft.Exists = true;
            draft.Name = name;
            draft.CreatedAt = time.GetUtcNow();
            draft.Members[adminUserId] = new MemberInfo { UserId = adminUserId, Email = adminEmail, Role = AccessVocabulary.RoleAdmin, CreatedAt = draft.CreatedAt };
            await _state.CommitAsync(draft);
        }

        return Info();
    }

    public Task<OrganisationInfo?> GetAsync() => Task.FromResult(S.Exists ? Info() : null);

    public Task<IReadOnlyList<MemberInfo>> ListMembersAsync() =>
        Task.FromResult<IReadOnlyList<MemberInfo>>([.. S.Members.Values.OrderBy(m => m.CreatedAt)]);

    public Task<MemberInfo?> GetMemberAsync(string userId) =>
        Task.FromResult(S.Members.GetValueOrDefault(userId));

    public async Task<Outcome<MemberInfo>> AddMemberAsync(string userId, string email, string role)
    {
        var draft = await _state.EditAsync();
        if (draft.Members.TryGetValue(userId, out var existing))
        {
            // The same request again is a retry (its first attempt may have landed under a 503): answer it
            // with the membership it asked for. Another role is a different request: refuse it.
            return existing.Role == role
                ? Outcome<MemberInfo>.Existing(existing)
                : Outcome<MemberInfo>.Fail(ControlPlaneError.Conflict, $"{email} is already a member of this organisation (role {existing.Role})");
        }

        await GrainFactory.GetGrain<IUserGrain>(userId).JoinOrganisationAsync(OrganisationId);
        var member = new MemberInfo { UserId = userId, Email = email, Role = role, CreatedAt = time.GetUtcNow() };
        draft.Members[userId] = member;
        await _state.CommitAsync(draft);
        return Outcome<MemberInfo>.Ok(member);
    }

    /// <summary>
    /// Revokes the member's grants on every cluster first (each retried), and only then records the removal:
    /// a failure leaves a member whose grants may be partly gone — never a former member who keeps access.
    /// Retrying the removal finishes it.
    /// </summary>
    public async Task<Outcome<bool>> RemoveMemberAsync(string userId)
    {
        var draft = await _state.EditAsync();
        if (!draft.Members.TryGetValue(userId, out var member))
        {
            return Outcome<bool>.Fail(ControlPlaneError.NotFound, "Member not found");
        }

        if (member.Role == AccessVocabulary.RoleAdmin && draft.Members.Values.Count(m => m.Role == AccessVocabulary.RoleAdmin) == 1)
        {
            return Outcome<bool>.Fail(ControlPlaneError.Invalid, "The last admin of an organisation cannot be removed; make another member admin first");
        }

        // A former member keeps no access: their grants go first, and each cluster tells the edges.
        foreach (var clusterId in draft.ClusterIds)
        {
            await GrainRetry.RunAsync(() => GrainFactory.GetGrain<IClusterGrain>(clusterId).RevokeUserAsync(userId),
                (attempt, delay, exception) => GrainsLog.RetryingGrainCall(logger, OrganisationId, $"revoking the grants of {userId} on cluster {clusterId}", attempt, GrainRetry.Attempts, delay, exception));
        }

        draft.Members.Remove(userId);
        await _state.CommitAsync(draft);

        try
        {
            await GrainRetry.RunAsync(() => GrainFactory.GetGrain<IUserGrain>(userId).LeaveOrganisationAsync(OrganisationId),
                (attempt, delay, exception) => GrainsLog.RetryingGrainCall(logger, OrganisationId, $"removing the organisation from the index of {userId}", attempt, GrainRetry.Attempts, delay, exception));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The removal is recorded and the grants are gone; a stale index entry gives no access.
            GrainsLog.UserIndexNotUpdated(logger, userId, "a removal from an organisation", exception);
        }

        return Outcome<bool>.Ok(true);
    }

    public async Task AddClusterAsync(string clusterId)
    {
        var draft = await _state.EditAsync();
        if (!draft.ClusterIds.Contains(clusterId))
        {
            draft.ClusterIds.Add(clusterId);
            await _state.CommitAsync(draft);
        }
    }

    public async Task RemoveClusterAsync(string clusterId)
    {
        var draft = await _state.EditAsync();
        if (draft.ClusterIds.Remove(clusterId))
        {
            await _state.CommitAsync(draft);
        }
    }

    public Task<IReadOnlyList<string>> ListClustersAsync() => Task.FromResult<IReadOnlyList<string>>([.. S.ClusterIds]);

    private OrganisationInfo Info() => new() { Id = OrganisationId, Name = S.Name, CreatedAt = S.CreatedAt };
}
