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

    private static Task HandleAsync(HttpContext context, string clusterId, KubeProxyHandler handler) =>
        MeshIdentifiers.IsValid(clusterId)
            ? handler.HandleAsync(context, clusterId)
            : KubeStatus.WriteAsync(context, 404, "NotFound", $"Cluster {clusterId} was not found.");
}
