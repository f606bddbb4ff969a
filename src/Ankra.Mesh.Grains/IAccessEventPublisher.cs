namespace Ankra.Mesh.Grains;

/// <summary>Tells every edge (and the cluster's agents) that access to a cluster changed.</summary>
internal interface IAccessEventPublisher
{
    /// <summary>
    /// Hands the event for <see cref="Ankra.Mesh.Contracts.Subjects.MeshSubjects.AccessChanged"/> over for delivery at least once and returns at
    /// once; never throws. Events are the fast path of revocation, not its bound: edges re-check live requests every
    /// half decision-cache TTL whether or not an event arrives.
    /// </summary>
    ValueTask PublishAsync(string clusterId, long grantsVersion, CancellationToken cancellationToken = default);
}
