namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// Where the attempts to open one stream go, in order (null: the cluster's shared queue subject, where NATS
/// picks a replica; a session id: that session by name). Normally the shared subject first and the sessions
/// after it; while a session is suspected dead, the others by name first, so no request waits on it. Which
/// attempts actually run is the caller's rule: silence is retried only for idempotent requests.
/// </summary>
internal static class OpenPlan
{
    public static IReadOnlyList<string?> For(TunnelTarget target, SuspectSessions suspects)
    {
        if (target.SessionId is not null)
        {
            return [target.SessionId];
        }

        var live = target.Sessions.Where(s => !suspects.IsSuspect(target.ClusterId, s)).ToList();
        Shuffle(live);
        if (live.Count == 0)
        {
            // No session known by name (or every one suspected): the shared subject, and once more for a retry.
            return [null, null];
        }

        return live.Count < target.Sessions.Count ? [.. live, null] : [null, .. live];
    }

    private static void Shuffle(List<string> sessions)
    {
        for (var i = sessions.Count - 1; i > 0; i--)
        {
            var j = Random.Shared.Next(i + 1);
            (sessions[i], sessions[j]) = (sessions[j], sessions[i]);
        }
    }
}
