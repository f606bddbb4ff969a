using System.Collections.Concurrent;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// Agent sessions that left an open addressed to them unanswered (a frozen process, a partitioned node),
/// avoided for <see cref="TunnelOptions.SuspectSessionTtl"/>. Bounded by the sessions the control plane
/// names: entries expire, and expired ones are dropped whenever a cluster's sessions are looked at.
/// </summary>
internal sealed class SuspectSessions(TimeProvider time, TimeSpan ttl)
{
    private readonly ConcurrentDictionary<(string Cluster, string Session), DateTimeOffset> _until = new();

    /// <summary>Above this many entries, expired ones are swept whenever a session is suspected.</summary>
    private const int SweepAbove = 1024;

    public void Suspect(string clusterId, string sessionId)
    {
        var now = time.GetUtcNow();
        _until[(clusterId, sessionId)] = now + ttl;
        if (_until.Count > SweepAbove)
        {
            foreach (var entry in _until.Where(e => e.Value <= now))
            {
                _until.TryRemove(entry);
            }
        }
    }

    public void Clear(string clusterId, string sessionId) => _until.TryRemove((clusterId, sessionId), out _);

    /// <summary>True when <paramref name="sessionId"/> of <paramref name="clusterId"/> is suspected now.</summary>
    public bool IsSuspect(string clusterId, string sessionId)
    {
        if (!_until.TryGetValue((clusterId, sessionId), out var until))
        {
            return false;
        }

        if (until > time.GetUtcNow())
        {
            return true;
        }

        _until.TryRemove(new KeyValuePair<(string, string), DateTimeOffset>((clusterId, sessionId), until));
        return false;
    }
}
