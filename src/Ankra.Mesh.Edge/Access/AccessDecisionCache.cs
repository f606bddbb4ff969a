using System.Collections.Concurrent;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Grains;
using Ankra.Mesh.Hosting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Ankra.Mesh.Edge.Access;

/// <summary>
/// The edge's short-lived cache of <see cref="IClusterGrain.AuthorizeAsync"/> answers, used by the kube proxy on every
/// request: a <see cref="MemoryCache"/> bounded to <see cref="EdgeOptions.DecisionCacheMaxEntries"/> entries, each
/// living at most <see cref="EdgeOptions.DecisionCacheTtl"/>. Concurrent misses for one (cluster, user, token
/// generation) share one grain call. An access-changed event (NATS <c>mesh.events.access.&lt;cluster&gt;</c>) drops a
/// cluster's entries at once and raises <see cref="ClusterAccessChanged"/>, so the proxy can re-check live streams.
/// </summary>
public sealed class AccessDecisionCache : IDisposable
{
    private readonly MemoryCache _cache;

    // Grain calls under way, one per key: a burst of requests that miss together costs the silo one call.
    private readonly ConcurrentDictionary<DecisionKey, Task<AccessDecision>> _inFlight = new();

    // One epoch per cluster, part of every key: a decision fetched before an invalidation is never found after it.
    private readonly ConcurrentDictionary<string, ClusterEpoch> _clusters = new(StringComparer.Ordinal);
    private readonly Func<string, string, long, Task<AccessDecision>> _authorize;
    private readonly TimeSpan _ttl;

    internal AccessDecisionCache(IGrainFactory grains, OrleansGatewayStatus silos, IOptions<EdgeOptions> options, TimeProvider time)
        : this((clusterId, userId, generation) =>
        {
            // Without a silo gateway the call would wait for Orleans' response timeout; refuse at once instead.
            if (!silos.IsConnected)
            {
                throw new SiloUnavailableException("The edge is not connected to any silo gateway");
            }

            return grains.GetGrain<IClusterGrain>(clusterId).AuthorizeAsync(userId, generation);
        }, options, time)
    {
    }

    /// <param name="authorize">Asks the authority (the cluster grain) for a decision; tests pass their own.</param>
    /// <param name="options">The TTL and the entry limit.</param>
    /// <param name="time">The clock entries expire by.</param>
    internal AccessDecisionCache(Func<string, string, long, Task<AccessDecision>> authorize, IOptions<EdgeOptions> options, TimeProvider time)
    {
        _authorize = authorize;
        _ttl = options.Value.DecisionCacheTtl;
        _cache = new MemoryCache(new MemoryCacheOptions
        {
            // Every entry has size 1, so this is a number of decisions; once reached, new ones are not kept (and a
            // compaction drops expired, then least recently used entries) until there is room again.
            SizeLimit = options.Value.DecisionCacheMaxEntries,
            Clock = new TimeProviderClock(time),
        });
    }

    /// <summary>Raised (with the cluster id) after the cluster's cached decisions were dropped.</summary>
    public event Action<string>? ClusterAccessChanged;

    /// <summary>Entries currently held (for metrics and tests).</summary>
    public int Count => _cache.Count;

    /// <summary>
    /// How often the cluster's decisions were dropped so far. A decision obtained while it was N may predate a
    /// revocation once it is higher: the kube proxy compares it around registering a live request.
    /// </summary>
    public long Epoch(string clusterId) => _clusters.TryGetValue(clusterId, out var cluster) ? cluster.Epoch : 0;

    /// <summary>The decision for a user whose verified kube token carries <paramref name="generation"/>.</summary>
    public ValueTask<AccessDecision> GetAsync(string clusterId, string userId, long generation, CancellationToken cancellationToken = default) =>
        GetAsync(clusterId, userId, generation, fresh: false, cancellationToken);

    /// <summary>
    /// Asks the grain even when a decision is cached (the periodic re-check of live requests, which must not trust
    /// a cached answer an event failed to drop), and caches the answer. It joins a call for the same key already under
    /// way: that call started no earlier than this cluster's last invalidation, so its answer is as fresh.
    /// </summary>
    public ValueTask<AccessDecision> GetFreshAsync(string clusterId, string userId, long generation, CancellationToken cancellationToken = default) =>
        GetAsync(clusterId, userId, generation, fresh: true, cancellationToken);

    /// <summary>Drops every decision about <paramref name="clusterId"/>.</summary>
    public void Invalidate(string clusterId)
    {
        Drop(clusterId);
        Reclaim();
        ClusterAccessChanged?.Invoke(clusterId);
    }

    /// <summary>Drops everything (after a NATS reconnect, when events may have been missed): every cluster this edge asked about.</summary>
    public void InvalidateAll()
    {
        var clusters = _clusters.Keys.ToList();
        clusters.ForEach(Drop);
        Reclaim();
        clusters.ForEach(clusterId => ClusterAccessChanged?.Invoke(clusterId));
    }

    public void Dispose() => _cache.Dispose();

    private void Drop(string clusterId)
    {
        ClusterEpoch? previous;
        while (true)
        {
            if (_clusters.TryGetValue(clusterId, out previous))
            {
                if (_clusters.TryUpdate(clusterId, new ClusterEpoch(previous.Epoch + 1), previous))
                {
                    break;
                }
            }
            else if (_clusters.TryAdd(clusterId, new ClusterEpoch(1)))
            {
                break;
            }
        }

        // The new epoch already hides the old entries from every reader; this marks them expired for Reclaim.
        previous?.Drop();
    }

    // Frees the room of dropped entries at once: MemoryCache only notes an expired token and would sweep it at its next
    // scan (a minute apart). One pass over the entries per access event — events are rare next to requests.
    private void Reclaim() => _cache.Compact(0);

    private ValueTask<AccessDecision> GetAsync(string clusterId, string userId, long generation, bool fresh, CancellationToken cancellationToken)
    {
        var cluster = _clusters.GetOrAdd(clusterId, static _ => new ClusterEpoch(0));
        var key = new DecisionKey(clusterId, userId, generation, cluster.Epoch);
        if (!fresh && _cache.TryGetValue(key, out AccessDecision? cached) && cached is not null)
        {
            return ValueTask.FromResult(cached);
        }

        // A caller that gives up leaves the shared call running for the others (a grain call is not cancellable anyway).
        return new ValueTask<AccessDecision>(Call(key, cluster).WaitAsync(cancellationToken));
    }

    private Task<AccessDecision> Call(DecisionKey key, ClusterEpoch cluster)
    {
        while (true)
        {
            if (_inFlight.TryGetValue(key, out var running))
            {
                return running;
            }

            var call = new TaskCompletionSource<AccessDecision>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_inFlight.TryAdd(key, call.Task))
            {
                _ = RunAsync(key, cluster, call);
                return call.Task;
            }
        }
    }

    private async Task RunAsync(DecisionKey key, ClusterEpoch cluster, TaskCompletionSource<AccessDecision> call)
    {
        try
        {
            var decision = await _authorize(key.ClusterId, key.UserId, key.Generation);
            Store(key, cluster, decision);
            _inFlight.TryRemove(new KeyValuePair<DecisionKey, Task<AccessDecision>>(key, call.Task));
            call.SetResult(decision);
        }
        catch (Exception exception)
        {
            // Failures are not cached: the next request asks again.
            _inFlight.TryRemove(new KeyValuePair<DecisionKey, Task<AccessDecision>>(key, call.Task));
            call.SetException(exception);
        }
    }

    private void Store(DecisionKey key, ClusterEpoch cluster, AccessDecision decision)
    {
        // A decision fetched across an invalidation is not kept: its key's epoch is gone already.
        if (_ttl <= TimeSpan.Zero || cluster.IsDropped)
        {
            return;
        }

        using var entry = _cache.CreateEntry(key);
        entry.Value = decision;
        entry.Size = 1;
        entry.AbsoluteExpirationRelativeToNow = _ttl;
        entry.AddExpirationToken(cluster.Dropped);
    }

    private readonly record struct DecisionKey(string ClusterId, string UserId, long Generation, long Epoch);

    /// <summary>A cluster's current epoch; dropping it expires every entry stored under it.</summary>
    private sealed class ClusterEpoch(long epoch)
    {
        private readonly CancellationTokenSource _dropped = new();

        public long Epoch => epoch;

        public bool IsDropped => _dropped.IsCancellationRequested;

        public IChangeToken Dropped => new CancellationChangeToken(_dropped.Token);

        public void Drop() => _dropped.Cancel();
    }
}
