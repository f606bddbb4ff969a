using Ankra.Mesh.Grains;
using Microsoft.AspNetCore.Http;

namespace Ankra.Mesh.Edge.KubeProxy;

/// <summary>Maps the kube proxy: every method under <c>/api/v1/clusters/{cluster_id}/k8s</c>.</summary>
internal static class KubeProxyEndpoints
{
    public static IEndpointRouteBuilder MapKubeProxy(this IEndpointRouteBuilder endpoints)
    {
        endpoints.Map("/api/v1/clusters/{clusterId}/k8s/{**rest}", HandleAsync);
        endpoints.Map("/api/v1/clusters/{clusterId}/k8s", HandleAsync);
        return endpoints;
    }

    /// <summary>
    /// True for paths the kube proxy serves (<c>/api/v1/clusters/{id}/k8s[/…]</c>), whose errors must be
    /// Kubernetes <c>Status</c> objects even when the framework, not the proxy, answers.
    /// </summary>
    public static bool Serves(PathString path)
    {
        if (!path.StartsWithSegments("/api/v1/clusters", StringComparison.OrdinalIgnoreCase, out var rest) || !rest.HasValue)
        {
            return false;
        }

        // rest is "/{clusterId}/k8s" or "/{clusterId}/k8s/…".
        var segments = rest.Value.Split('/', 4);
        return segments.Length >= 3 && segments[1].Length > 0 && string.Equals(segments[2], "k8s", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task HandleAsync(HttpContext context, string clusterId, KubeProxyHandler handler, KubeProxyMetrics metrics)
    {
        if (!MeshIdentifiers.IsValid(clusterId))
        {
            await KubeStatus.WriteAsync(context, 404, "NotFound", $"Cluster {clusterId} was not found.");
            return;
        }

        var inFlight = metrics.Start(clusterId);
        try
        {
            await handler.HandleAsync(context, clusterId);
        }
        finally
        {
            inFlight.Finished(context.Response.StatusCode);
        }
    }
}
