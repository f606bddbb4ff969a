using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>The per-user and per-cluster caps on requests in flight through this edge.</summary>
internal sealed class KubeProxyLimits(IOptions<KubeProxyOptions> options)
{
    private readonly ConcurrencyLimiter _perUser = new(options.Value.MaxConcurrentRequestsPerUser);
    private readonly ConcurrencyLimiter _perCluster = new(options.Value.MaxConcurrentRequestsPerCluster);

    /// <summary>A lease for one request, or null when either cap is reached. Dispose the lease when the request ends.</summary>
    public IDisposable? TryAcquire(string clusterId, string userId)
    {
        if (!_perCluster.TryAcquire(clusterId))
        {
            return null;
        }

        if (!_perUser.TryAcquire(userId))
        {
            _perCluster.Release(clusterId);
            return null;
        }

        return new Lease(this, clusterId, userId);
    }

    private sealed class Lease(KubeProxyLimits limits, string clusterId, string userId) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limits._perUser.Release(userId);
                limits._perCluster.Release(clusterId);
            }
        }
    }
}
