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
    private readonly OrleansGatewayStatus _silos;
    private readonly TimeProvider _time;
    private readonly TimeSpan _ttl;

    internal AccessDecisionCache(IGrainFactory grains, OrleansGatewayStatus silos, IOptions<EdgeOptions> options, TimeProvider time)
    {
        _grains = grains;
        _silos = silos;
        _time = time;
        _ttl = options.Value.DecisionCacheTtl;
    }

    /// <summary>Raised (with the cluster id) after the cluster's cached decisions were dropped.</summary>
    public event Action<string>? ClusterAccessChanged;

    /// <summary>Entries currently held (for metrics and tests).</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// How often the cluster's decisions were dropped so far. A decision obtained while it was N may predate a
    /// revocation once it is higher: the kube proxy compares it around registering a live request.
    /// </summary>
    public long Epoch(string clusterId) => _epochs.GetValueOrDefault(clusterId);

    /// <summary>The decision for a user whose verified kube token carries <paramref name="generation"/>.</summary>
    public ValueTask<AccessDecision> GetAsync(string clusterId, string userId, long generation, CancellationToken cancellationToken = default) =>
        GetAsync(clusterId, userId, generation, fresh: false, cancellationToken);

    /// <summary>
    /// Asks the grain even when a decision is cached (the periodic re-check of live requests, which must not trust
    /// a cached answer an event failed to drop), and caches the answer.
    /// </summary>
    public ValueTask<AccessDecision> GetFreshAsync(string clusterId, string userId, long generation, CancellationToken cancellationToken = default) =>
        GetAsync(clusterId, userId, generation, fresh: true, cancellationToken);

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

    private async ValueTask<AccessDecision> GetAsync(string clusterId, string userId, long generation, bool fresh, CancellationToken cancellationToken)
    {
        var key = (clusterId, userId, generation);
        var now = _time.GetUtcNow();
        var epoch = _epochs.GetValueOrDefault(clusterId);
        if (!fresh && _entries.TryGetValue(key, out var cached) && cached.Expires > now && cached.Epoch == epoch)
        {
            return cached.Decision;
        }

        // Without a silo gateway the call would wait for Orleans' response timeout; refuse at once instead.
        if (!_silos.IsConnected)
        {
            throw new SiloUnavailableException("The edge is not connected to any silo gateway");
        }

        var decision = await _grains.GetGrain<IClusterGrain>(clusterId).AuthorizeAsync(userId, generation).WaitAsync(cancellationToken);
        if (_ttl > TimeSpan.Zero && _epochs.GetValueOrDefault(clusterId) == epoch)
        {
            _entries[key] = new Entry(decision, now + _ttl, epoch);
        }

        return decision;
    }

    private sealed record Entry(AccessDecision Decision, DateTimeOffset Expires, long Epoch);
}
