using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Api;

/// <summary>Finds a cluster in the caller's effective organisation (404 "Cluster not found" otherwise).</summary>
internal sealed class ClusterLookup(IGrainFactory grains)
{
    public async Task<ApiOutcome<ClusterInfo>> FindAsync(Caller caller, string clusterId)
    {
        if (InputRules.Identifier(clusterId, "cluster id") is { } invalid)
        {
            return invalid;
        }

        if (caller.OrganisationId is null)
        {
            return ApiFailure.ClusterNotFound;
        }

        var cluster = await grains.GetGrain<IClusterGrain>(clusterId).GetAsync();
        return cluster is not null && cluster.OrganisationId == caller.OrganisationId ? cluster : ApiFailure.ClusterNotFound;
    }

    /// <summary>
    /// The cluster, for an admin of its organisation only: 404 first (a member learns nothing of clusters elsewhere),
    /// then <paramref name="notAdmin"/> for a member of the cluster's own organisation.
    /// </summary>
    public async Task<ApiOutcome<ClusterInfo>> FindForAdminAsync(Caller caller, string clusterId, ApiFailure notAdmin)
    {
        var found = await FindAsync(caller, clusterId);
        return found.Failure is null && !caller.IsAdmin ? notAdmin : found;
    }

    public async Task<IReadOnlyList<ClusterInfo>> ListAsync(string organisationId)
    {
        var ids = await grains.GetGrain<IOrganisationGrain>(organisationId).ListClustersAsync();
        var clusters = await Task.WhenAll(ids.Select(id => grains.GetGrain<IClusterGrain>(id).GetAsync()));
        return [.. clusters.OfType<ClusterInfo>()];
    }
}
