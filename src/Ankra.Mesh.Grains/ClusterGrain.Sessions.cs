using Ankra.Mesh.Hosting;

namespace Ankra.Mesh.Grains;

/// <summary>
/// Session expiry. Replica ids are pod names, so every rollout registers new replicas and the old
/// ones simply stop checking in: a session that has not checked in for
/// <see cref="ControlPlaneOptions.SessionExpiry"/> is no longer listed, served or accepted, and is removed
/// from the state at the next write (a registration, or the check-in of a live replica). A cluster never
/// keeps more than <see cref="ControlPlaneOptions.MaxSessionsPerCluster"/> sessions.
/// </summary>
internal sealed partial class ClusterGrain
{
    private bool IsExpired(AgentSessionInfo session)
    {
        var lastSign = session.LastCheckInAt > _activatedAt ? session.LastCheckInAt : _activatedAt;
        return Now - lastSign >= _options.SessionExpiry;
    }

    private IEnumerable<AgentSessionInfo> LiveSessions(ClusterState cluster) => cluster.Sessions.Values.Where(s => !IsExpired(s));

    private bool HasExpiredSessions(ClusterState cluster) => cluster.Sessions.Values.Any(IsExpired);

    /// <summary>Removes expired sessions from <paramref name="draft"/>, then the least recently seen beyond the cap; returns how many went.</summary>
    private int PruneSessions(ClusterState draft, string? keepReplicaId)
    {
        var gone = draft.Sessions.Values.Where(IsExpired).Select(s => s.ReplicaId).ToList();
        gone.ForEach(id => draft.Sessions.Remove(id));
        var excess = draft.Sessions.Count - _options.MaxSessionsPerCluster;
        if (excess > 0)
        {
            // Registrations that never checked in go first (a crash-looping pod registers and dies), so a
            // burst of them cannot push out the replicas that are actually serving.
            var oldest = draft.Sessions.Values
                .Where(s => s.ReplicaId != keepReplicaId)
                .OrderBy(s => s.LastCheckInAt > s.ConnectedAt ? 1 : 0)
                .ThenBy(s => s.LastCheckInAt)
                .Take(excess)
                .Select(s => s.ReplicaId)
                .ToList();
            oldest.ForEach(id => draft.Sessions.Remove(id));
            gone.AddRange(oldest);
        }

        return gone.Count;
    }
}
