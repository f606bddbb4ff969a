using System.Diagnostics.Metrics;
using System.Globalization;
using Ankra.Mesh.ServiceDefaults;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>
/// The kube proxy's numbers per cluster (meter <c>Ankra.Mesh.Edge</c>): requests by status code, requests in flight, the
/// per-cluster cap they are measured against (open-stream saturation), and answers that the cluster is offline. The
/// <c>cluster</c> label is bounded by <see cref="ClusterLabels"/>; a request whose kube token did not verify (401) never
/// takes one of its slots, so nobody can use up the labels with made-up cluster ids.
/// </summary>
internal sealed class KubeProxyMetrics
{
    private readonly ClusterLabels _labels;
    private readonly Counter<long> _requests;
    private readonly UpDownCounter<long> _active;
    private readonly Counter<long> _offline;

    public KubeProxyMetrics(IMeterFactory meters, ClusterLabels labels, IOptions<KubeProxyOptions> options)
    {
        _labels = labels;
        var meter = meters.Create(EdgeMetrics.MeterName);
        _requests = meter.CreateCounter<long>("ankra.mesh.kube_proxy.requests", "{request}", "Kube requests through this edge, by cluster and status code");
        _active = meter.CreateUpDownCounter<long>("ankra.mesh.kube_proxy.active_requests", "{request}",
            "Kube requests in flight through this edge (open watches, logs -f, exec and port-forward included), by cluster");
        // One cluster's two pools together (quick + long-lived): active_requests counts both kinds.
        var perCluster = options.Value.MaxQuickRequestsPerCluster + options.Value.MaxLongLivedRequestsPerCluster;
        meter.CreateObservableGauge("ankra.mesh.kube_proxy.cluster_request_limit", () => perCluster, "{request}",
            "Mesh:KubeProxy:MaxQuickRequestsPerCluster + MaxLongLivedRequestsPerCluster: what active_requests of one cluster can reach (429 beyond)");
        _offline = meter.CreateCounter<long>("ankra.mesh.kube_proxy.offline_answers", "{request}",
            "Kube requests answered 503 because no agent of the cluster is connected, by cluster");
    }

    /// <summary>Counts a request in; call <see cref="InFlight.Finished"/> once it has been answered, whatever way.</summary>
    public InFlight Start(string clusterId)
    {
        // Only a cluster that already holds a label is named while the request is unauthenticated.
        var label = new KeyValuePair<string, object?>(ClusterLabels.Name, _labels.Peek(clusterId));
        _active.Add(1, label);
        return new InFlight(this, clusterId, label);
    }

    public void Offline(string clusterId) => _offline.Add(1, _labels.For(clusterId));

    internal readonly struct InFlight(KubeProxyMetrics metrics, string clusterId, KeyValuePair<string, object?> label)
    {
        /// <summary>Counts the answer (<paramref name="statusCode"/>) and takes the request out of the in-flight count.</summary>
        public void Finished(int statusCode)
        {
            metrics._active.Add(-1, label);
            var cluster = statusCode == 401 ? label : metrics._labels.For(clusterId);
            metrics._requests.Add(1, cluster, new("code", statusCode.ToString(CultureInfo.InvariantCulture)));
        }
    }
}
