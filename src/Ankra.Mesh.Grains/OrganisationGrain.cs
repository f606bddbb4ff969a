namespace Ankra.Mesh.Grains;

/// <summary>An organisation: members with roles and the cluster index.</summary>
internal sealed class OrganisationGrain(
    [PersistentState("organisation", MeshStorage.Name)] IPersistentState<OrganisationState> state,
    TimeProvider time) : Grain, IOrganisationGrain
{
    private OrganisationState S => state.State;

    private string OrganisationId => this.GetPrimaryKeyString();

    public async Task<OrganisationInfo> CreateAsync(string name, string adminUserId, string adminEmail)
    {
        if (!S.Exists)
        {
            S.Exists = true;
            S.Name = name;
            S.CreatedAt = time.GetUtcNow();
            S.Members[adminUserId] = new MemberInfo { UserId = adminUserId, Email = adminEmail, Role = AccessVocabulary.RoleAdmin, CreatedAt = S.CreatedAt };
            await state.WriteStateAsync();
            await GrainFactory.GetGrain<IUserGrain>(adminUserId).JoinOrganisationAsync(OrganisationId);
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
        if (S.Members.ContainsKey(userId))
        {
            return Outcome<MemberInfo>.Fail(ControlPlaneError.Conflict, $"{email} is already a member of this organisation");
        }

        var member = new MemberInfo { UserId = userId, Email = email, Role = role, CreatedAt = time.GetUtcNow() };
        S.Members[userId] = member;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IUserGrain>(userId).JoinOrganisationAsync(OrganisationId);
        return Outcome<MemberInfo>.Ok(member);
    }

    public async Task<Outcome<bool>> RemoveMemberAsync(string userId)
    {
        if (!S.Members.TryGetValue(userId, out var member))
        {
            return Outcome<bool>.Fail(ControlPlaneError.NotFound, "Member not found");
        }

        if (member.Role == AccessVocabulary.RoleAdmin && S.Members.Values.Count(m => m.Role == AccessVocabulary.RoleAdmin) == 1)
        {
            return Outcome<bool>.Fail(ControlPlaneError.Invalid, "The last admin of an organisation cannot be removed; make another member admin first");
        }

        S.Members.Remove(userId);
        await state.WriteStateAsync();

        // A former member keeps no access: their grants go, and each cluster tells the edges.
        await Task.WhenAll(S.ClusterIds.Select(id => GrainFactory.GetGrain<IClusterGrain>(id).RevokeUserAsync(userId)));
        await GrainFactory.GetGrain<IUserGrain>(userId).LeaveOrganisationAsync(OrganisationId);
        return Outcome<bool>.Ok(true);
    }

    public async Task AddClusterAsync(string clusterId)
    {
        if (!S.ClusterIds.Contains(clusterId))
        {
            S.ClusterIds.Add(clusterId);
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListClustersAsync() => Task.FromResult<IReadOnlyList<string>>([.. S.ClusterIds]);

    private OrganisationInfo Info() => new() { Id = OrganisationId, Name = S.Name, CreatedAt = S.CreatedAt };
}
