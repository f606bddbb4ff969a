using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Api;

/// <summary>A cluster as the REST API shows it.</summary>
internal sealed record ClusterResponse(
    string Id,
    string Name,
    string State,
    string Kind,
    string OrganisationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    string? AgentVersion,
    string? KubernetesVersion)
{
    public static ClusterResponse From(ClusterInfo cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        return new(cluster.Id, cluster.Name, cluster.Online ? "online" : "offline", cluster.Kind, cluster.OrganisationId,
            cluster.CreatedAt, cluster.LastSeenAt, cluster.AgentVersion, cluster.KubernetesVersion);
    }
}
