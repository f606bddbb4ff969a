namespace Ankra.Mesh.Grains;

/// <summary>Tells every edge (and the cluster's agents) that access to a cluster changed.</summary>
internal interface IAccessEventPublisher
{
    /// <summary>Publishes on <see cref="MeshSubjects.AccessChanged"/>; never throws (the edges' short cache TTL is the fallback).</summary>
    ValueTask PublishAsync(string clusterId, long grantsVersion, CancellationToken cancellationToken = default);
}
