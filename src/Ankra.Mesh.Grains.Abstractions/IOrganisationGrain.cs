namespace Ankra.Mesh.Grains;

/// <summary>An organisation (key: organisation id): members with roles and the cluster index.</summary>
[Alias("ankra.mesh.IOrganisationGrain")]
public interface IOrganisationGrain : IGrainWithStringKey
{
    /// <summary>Creates the organisation with its first admin; idempotent for the same name.</summary>
    [Alias("Create")]
    Task<OrganisationInfo> CreateAsync(string name, string adminUserId, string adminEmail);

    /// <summary>The organisation, or null.</summary>
    [Alias("Get")]
    Task<OrganisationInfo?> GetAsync();

    /// <summary>All members.</summary>
    [Alias("ListMembers")]
    Task<IReadOnlyList<MemberInfo>> ListMembersAsync();

    /// <summary>One member, or null when the user is not a member.</summary>
    [Alias("GetMember")]
    Task<MemberInfo?> GetMemberAsync(string userId);

    /// <summary>Adds a member; Conflict when already a member.</summary>
    [Alias("AddMember")]
    Task<Outcome<MemberInfo>> AddMemberAsync(string userId, string email, string role);

    /// <summary>Removes a member and every grant they hold in the organisation's clusters.</summary>
    [Alias("RemoveMember")]
    Task<Outcome<bool>> RemoveMemberAsync(string userId);

    /// <summary>Adds a cluster to the index.</summary>
    [Alias("AddCluster")]
    Task AddClusterAsync(string clusterId);

    /// <summary>The organisation's cluster ids, oldest first.</summary>
    [Alias("ListClusters")]
    Task<IReadOnlyList<string>> ListClustersAsync();
}
