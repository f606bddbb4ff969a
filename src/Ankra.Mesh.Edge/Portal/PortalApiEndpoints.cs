using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.KubeTokens;

namespace Ankra.Mesh.Edge.Portal;

/// <summary>
/// The session-authenticated portal API: <c>/api/v1/org/clusters/{cluster_id}/access/...</c> is the token API's
/// access group (capabilities, members, grants, revoke-all: the same handlers and rules) behind the session
/// filter, plus <c>kubeconfig</c>, the same document as <c>POST /api/v1/clusters/{id}/kubeconfig</c>, as a download.
/// </summary>
internal static class PortalApiEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var org = app.MapGroup("/api/v1/org").AddEndpointFilter<PortalApiFilter>();
        AccessEndpoints.Map(org);
        org.MapPost("/clusters/{cluster_id}/access/kubeconfig", async (HttpContext http, KubeAccessService access, PublicBaseUrl urls, string cluster_id, string? @namespace) =>
        {
            if (!string.IsNullOrEmpty(@namespace) && !Grains.MeshIdentifiers.IsDnsLabel(@namespace))
            {
                return ApiFailure.BadRequest("namespace must be a DNS-1123 label").ToResult();
            }

            var minted = await access.MintAsync(ApiAuthFilter.CallerOf(http), cluster_id, urls.KubeServer(http, cluster_id));
            return minted.Failure?.ToResult() ?? KubeconfigDownload(minted.Value!, @namespace);
        });
    }

    /// <summary>The kubeconfig as a file download named <c>ankra-&lt;cluster&gt;.yaml</c>.</summary>
    public static IResult KubeconfigDownload(MintedKubeToken minted, string? defaultNamespace)
    {
        ArgumentNullException.ThrowIfNull(minted);
        var (yaml, context) = KubeAccessService.Kubeconfig(minted, string.IsNullOrEmpty(defaultNamespace) ? null : defaultNamespace);
        return Results.File(System.Text.Encoding.UTF8.GetBytes(yaml), "application/yaml", $"{context}.yaml");
    }
}
