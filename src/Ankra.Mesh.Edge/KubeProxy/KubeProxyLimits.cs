using System.Threading.RateLimiting;
using Ankra.Mesh.Tunnel.Agent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// Step 4's caps on requests in flight through this edge: per user and per cluster, each split into a quick pool
/// (get, list, create …) and a long-lived pool (watch, <c>logs -f</c>, exec, attach, port-forward), so held streams
/// can never take the capacity quick requests need. Each pool is a <see cref="ConcurrencyLimiter"/> partition with no
/// queue: a request over a cap is refused at once, naming the setting, never held. Idle partitions are dropped by the
/// partitioned limiter itself, so memory follows the users and clusters active now. The README's "Limits" paragraph
/// states the layering with the tunnel's and the agent's caps.
/// </summary>
internal sealed class KubeProxyLimits : IDisposable
{
    private readonly PartitionedRateLimiter<KubeProxyRequestClass> _perUser;
    private readonly PartitionedRateLimiter<KubeProxyRequestClass> _perCluster;
    private readonly KubeProxyOptions _options;

    public KubeProxyLimits(IOptions<KubeProxyOptions> options)
    {
        _options = options.Value;
        _perUser = Pools(request => request.UserId, _options.MaxQuickRequestsPerUser, _options.MaxLongLivedRequestsPerUser);
        _perCluster = Pools(request => request.ClusterId, _options.MaxQuickRequestsPerCluster, _options.MaxLongLivedRequestsPerCluster);
    }

    /// <summary>Watches, followed logs and upgrades (exec, attach, port-forward) — the agent's own rule, over the edge's request.</summary>
    public static bool IsLongLived(HttpContext context) =>
        LongLivedRequests.Matches(context.Request.QueryString.Value ?? "",
            context.Request.Headers.Upgrade.Count > 0 || context.Features.Get<IHttpExtendedConnectFeature>()?.IsExtendedConnect == true);

    /// <summary>A place in the user's and the cluster's pool, or a refusal naming the cap that is full. Dispose it when the request ends.</summary>
    public KubeProxyAdmission TryAcquire(string clusterId, string userId, bool longLived)
    {
        var request = new KubeProxyRequestClass(clusterId, userId, longLived);
        var user = _perUser.AttemptAcquire(request);
        if (!user.IsAcquired)
        {
            user.Dispose();
            return KubeProxyAdmission.Refused(longLived
                ? $"You hold {_options.MaxLongLivedRequestsPerUser} long-lived requests (watch, logs -f, exec, attach, port-forward) open through this gateway edge, " +
                  $"your limit ({KubeProxyOptions.Section}:MaxLongLivedRequestsPerUser); close some, or retry shortly."
                : $"You have {_options.MaxQuickRequestsPerUser} requests in flight through this gateway edge, your limit " +
                  $"({KubeProxyOptions.Section}:MaxQuickRequestsPerUser); retry shortly.");
        }

        var cluster = _perCluster.AttemptAcquire(request);
        if (!cluster.IsAcquired)
        {
            cluster.Dispose();
            user.Dispose();
            return KubeProxyAdmission.Refused(longLived
                ? $"Cluster {clusterId} has {_options.MaxLongLivedRequestsPerCluster} long-lived requests (watch, logs -f, exec, attach, port-forward) open through " +
                  $"this gateway edge, its limit ({KubeProxyOptions.Section}:MaxLongLivedRequestsPerCluster); retry shortly."
                : $"Cluster {clusterId} has {_options.MaxQuickRequestsPerCluster} requests in flight through this gateway edge, its limit " +
                  $"({KubeProxyOptions.Section}:MaxQuickRequestsPerCluster); retry shortly.");
        }

        return KubeProxyAdmission.Admitted(user, cluster);
    }

    public void Dispose()
    {
        _perUser.Dispose();
        _perCluster.Dispose();
    }

    private static PartitionedRateLimiter<KubeProxyRequestClass> Pools(Func<KubeProxyRequestClass, string> owner, int quick, int longLived) =>
        PartitionedRateLimiter.Create<KubeProxyRequestClass, (string Owner, bool LongLived)>(request =>
            RateLimitPartition.GetConcurrencyLimiter((owner(request), request.LongLived), partition => new ConcurrencyLimiterOptions
            {
                PermitLimit = partition.LongLived ? longLived : quick,
                // No queue: a request over its cap gets a 429 at once instead of waiting unseen behind other streams.
                QueueLimit = 0,
            }));
}
