using Orleans.Concurrency;

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
    [ReadOnly]
    Task<OrganisationInfo?> GetAsync();

    /// <summary>All members.</summary>
    [Alias("ListMembers")]
    [ReadOnly]
    Task<IReadOnlyList<MemberInfo>> ListMembersAsync();

    /// <summary>One member, or null when the user is not a member.</summary>
    [Alias("GetMember")]
    [ReadOnly]
    Task<MemberInfo?> GetMemberAsync(string userId);

    /// <summary>Adds a member; the same member with the same role again is <see cref="Outcome{T}.Unchanged"/>, with another role a Conflict.</summary>
    [Alias("AddMember")]
    Task<Outcome<MemberInfo>> AddMemberAsync(string userId, string email, string role);

    /// <summary>Revokes every grant the member holds in the organisation's clusters (retried), then removes the member.</summary>
    [Alias("RemoveMember")]
    Task<Outcome<bool>> RemoveMemberAsync(string userId);

    /// <summary>Adds a cluster to the index.</summary>
    [Alias("AddCluster")]
    Task AddClusterAsync(string clusterId);

    /// <summary>The organisation's cluster ids, oldest first.</summary>
    [Alias("ListClusters")]
    [ReadOnly]
    Task<IReadOnlyList<string>> ListClustersAsync();

    /// <summary>Removes a (deleted) cluster from the index; a no-op when it is not listed.</summary>
    [Alias("RemoveCluster")]
    Task RemoveClusterAsync(string clusterId);
}
