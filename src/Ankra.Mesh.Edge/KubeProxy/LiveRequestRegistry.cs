using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// The proxied requests in flight on this edge, by cluster. When a cluster's access changes (a grant
/// revoked, revoke-all), each of its live requests is re-authorized and the denied ones are aborted —
/// so a revoked user's watch, logs -f, exec and port-forward end within the event's delivery time.
/// </summary>
internal sealed class LiveRequestRegistry
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, LiveRequest>> _byCluster = new(StringComparer.Ordinal);
    private long _nextId;

    public int Count => _byCluster.Values.Sum(requests => requests.Count);

    public IDisposable Register(string clusterId, string userId, long generation, HttpContext context)
    {
        var id = Interlocked.Increment(ref _nextId);
        var requests = _byCluster.GetOrAdd(clusterId, _ => new ConcurrentDictionary<long, LiveRequest>());
        requests[id] = new LiveRequest(userId, generation, context);
        return new Registration(this, clusterId, id);
    }

    public IReadOnlyList<LiveRequest> Snapshot(string clusterId) =>
        _byCluster.TryGetValue(clusterId, out var requests) ? [.. requests.Values] : [];

    private void Remove(string clusterId, long id)
    {
        if (_byCluster.TryGetValue(clusterId, out var requests))
        {
            requests.TryRemove(id, out _);
        }
    }

    internal sealed record LiveRequest(string UserId, long Generation, HttpContext Context);

    private sealed class Registration(LiveRequestRegistry registry, string clusterId, long id) : IDisposable
    {
        public void Dispose() => registry.Remove(clusterId, id);
    }
}
