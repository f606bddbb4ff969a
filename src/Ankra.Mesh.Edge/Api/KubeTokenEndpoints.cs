using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.KubeTokens;

namespace Ankra.Mesh.Edge.Api;

/// <summary><c>POST /clusters/{id}/k8s-token</c> and <c>POST /clusters/{id}/kubeconfig</c>.</summary>
internal static class KubeTokenEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/clusters/{cluster_id}/k8s-token", async (HttpContext http, KubeAccessService access, PublicBaseUrl urls, string cluster_id) =>
        {
            var minted = await access.MintAsync(ApiAuthFilter.CallerOf(http), cluster_id, urls.KubeServer(http, cluster_id));
            return minted.Failure?.ToResult()
                ?? Results.Ok(new { token = minted.Value!.Token, server = minted.Value.Server, expires_at = minted.Value.ExpiresAt });
        });

        api.MapPost("/clusters/{cluster_id}/kubeconfig", async (HttpContext http, KubeAccessService access, PublicBaseUrl urls, string cluster_id, string? @namespace) =>
        {
            if (!string.IsNullOrEmpty(@namespace) && !Grains.MeshIdentifiers.IsDnsLabel(@namespace))
            {
                return ApiFailure.BadRequest("namespace must be a DNS-1123 label").ToResult();
            }

            var minted = await access.MintAsync(ApiAuthFilter.CallerOf(http), cluster_id, urls.KubeServer(http, cluster_id));
            return minted.Failure?.ToResult()
                ?? Results.Text(KubeAccessService.Kubeconfig(minted.Value!, @namespace).Yaml, "application/yaml");
        });
    }
}
