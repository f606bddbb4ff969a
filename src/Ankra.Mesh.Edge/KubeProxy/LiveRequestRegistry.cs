using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// The proxied requests in flight on this edge, by cluster. <see cref="RevocationEnforcer"/> re-authorizes them
/// when a cluster's access changes and, whether or not an event arrived, every half decision-cache TTL; the denied
/// ones are aborted, so a revoked user's watch, logs -f, exec and port-forward end.
/// </summary>
internal sealed class LiveRequestRegistry(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, LiveRequest>> _byCluster = new(StringComparer.Ordinal);
    private long _nextId;

    public int Count => _byCluster.Values.Sum(requests => requests.Count);

    /// <summary>
    /// Tracks a request from now on. The caller re-checks its decision after this returns if the cluster's access
    /// changed meanwhile: a check that runs after the registration is certain to see it, one that ran before is
    /// certain to have moved the cluster's epoch (the full fence below keeps the later epoch read after the write).
    /// </summary>
    public IDisposable Register(string clusterId, string userId, long generation, HttpContext context)
    {
        var id = Interlocked.Increment(ref _nextId);
        var requests = _byCluster.GetOrAdd(clusterId, _ => new ConcurrentDictionary<long, LiveRequest>());
        requests[id] = new LiveRequest(clusterId, userId, generation, context, time.GetUtcNow());
        Interlocked.MemoryBarrier();
        return new Registration(this, clusterId, id);
    }

    public IReadOnlyList<LiveRequest> Snapshot(string clusterId) =>
        _byCluster.TryGetValue(clusterId, out var requests) ? [.. requests.Values] : [];

    /// <summary>Every live request of every cluster (the periodic re-check).</summary>
    public IReadOnlyList<LiveRequest> SnapshotAll() => [.. _byCluster.Values.SelectMany(requests => requests.Values)];

    private void Remove(string clusterId, long id)
    {
        if (_byCluster.TryGetValue(clusterId, out var requests))
        {
            requests.TryRemove(id, out _);
        }
    }

    private sealed class Registration(LiveRequestRegistry registry, string clusterId, long id) : IDisposable
    {
        public void Dispose() => registry.Remove(clusterId, id);
    }
}
