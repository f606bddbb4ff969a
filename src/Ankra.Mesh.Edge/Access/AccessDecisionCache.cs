using System.Collections.Concurrent;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Access;

/// <summary>
/// The edge's short-lived cache of <see cref="IClusterGrain.AuthorizeAsync"/> answers, used by the
/// kube proxy on every request. An entry lives at most <see cref="EdgeOptions.DecisionCacheTtl"/>;
/// an access-changed event (NATS <c>mesh.events.access.&lt;cluster&gt;</c>) drops a cluster's entries at
/// once and raises <see cref="ClusterAccessChanged"/>, so the proxy can re-check live streams.
/// </summary>
public sealed class AccessDecisionCache
{
    private readonly ConcurrentDictionary<(string Cluster, string User, long Generation), Entry> _entries = new();

    // One epoch per cluster: a decision fetched before an invalidation must not be stored after it.
    private readonly ConcurrentDictionary<string, long> _epochs = new(StringComparer.Ordinal);
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;

    internal AccessDecisionCache(IGrainFactory grains, IOptions<EdgeOptions> options, TimeProvider time)
    {
        _grains = grains;
        _time = time;
        _ttl = options.Value.DecisionCacheTtl;
    }

    /// <summary>Raised (with the cluster id) after the cluster's cached decisions were dropped.</summary>
    public event Action<string>? ClusterAccessChanged;

    /// <summary>Entries currently held (for metrics and tests).</summary>
    public int Count => _entries.Count;

    /// <summary>The decision for a user whose verified kube token carries <paramref name="generation"/>.</summary>
    public async ValueTask<AccessDecision> GetAsync(string clusterId, string userId, long generation, CancellationToken cancellationToken = default)
    {
        var key = (clusterId, userId, generation);
        var now = _time.GetUtcNow();
        var epoch = _epochs.GetValueOrDefault(clusterId);
        if (_entries.TryGetValue(key, out var cached) && cached.Expires > now && cached.Epoch == epoch)
        {
            return cached.Decision;
        }

        var decision = await _grains.GetGrain<IClusterGrain>(clusterId).AuthorizeAsync(userId, generation).WaitAsync(cancellationToken);
        if (_ttl > TimeSpan.Zero && _epochs.GetValueOrDefault(clusterId) == epoch)
        {
            _entries[key] = new Entry(decision, now + _ttl, epoch);
        }

        return decision;
    }

    /// <summary>Drops every decision about <paramref name="clusterId"/>.</summary>
    public void Invalidate(string clusterId)
    {
        _epochs.AddOrUpdate(clusterId, 1, (_, e) => e + 1);
        foreach (var key in _entries.Keys.Where(k => k.Cluster == clusterId))
        {
            _entries.TryRemove(key, out _);
        }

        ClusterAccessChanged?.Invoke(clusterId);
    }

    /// <summary>Drops everything (after a NATS reconnect, when events may have been missed).</summary>
    public void InvalidateAll()
    {
        foreach (var cluster in _entries.Keys.Select(k => k.Cluster).Distinct().ToList())
        {
            Invalidate(cluster);
        }
    }

    private sealed record Entry(AccessDecision Decision, DateTimeOffset Expires, long Epoch);
}
