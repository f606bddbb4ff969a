using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.AgentInstall;

/// <summary>
/// <c>GET /api/v1/clusters/{cluster_id}/agent/install.yaml</c>: the agent's manifests for one cluster, for
/// <c>curl … | kubectl apply -f -</c> in the customer's cluster. Authorized by the cluster's current registration
/// token (<c>Authorization: Bearer ankagent_…</c>), not by an API token: whoever holds that token can register an
/// agent anyway, and the person installing need not have an Ankra account. A wrong, rotated or deleted cluster's
/// token gets 401 without saying which (no oracle for cluster ids).
/// </summary>
internal static class AgentInstallEndpoints
{
    public const string PathTemplate = "/api/v1/clusters/{cluster_id}/agent/install.yaml";

    private static readonly ApiFailure Refused = ApiFailure.Unauthorized(
        "This install URL needs the cluster's current agent registration token as 'Authorization: Bearer <token>' (from `ankra cluster import` or a token rotation)");

    /// <summary>The install URL of a cluster.</summary>
    public static string UrlFor(string baseUrl, string clusterId) => baseUrl + PathTemplate.Replace("{cluster_id}", clusterId, StringComparison.Ordinal);

    /// <summary>The one-line install: the token read from <paramref name="tokenExpression"/> (a file's <c>$(cat …)</c>, or the token itself).</summary>
    public static string Command(string url, string tokenExpression) =>
        $"curl -fsSL -H \"Authorization: Bearer {tokenExpression}\" {url} | kubectl apply -f -";

    public static void Map(WebApplication app) =>
        app.MapGet(PathTemplate, async (HttpContext http, IGrainFactory grains, AgentManifests manifests, PublicBaseUrl urls, string cluster_id) =>
        {
            var token = BearerToken.From(http.Request.Headers.Authorization);
            if (!SecretToken.TryParse(SecretToken.AgentPrefix, token, out var tokenClusterId, out var hash) || tokenClusterId != cluster_id)
            {
                return Unauthorized(http);
            }

            // The grain compares the hash in constant time; a deleted cluster has no token left to match.
            var cluster = grains.GetGrain<IClusterGrain>(cluster_id);
            if (!await cluster.IsRegistrationTokenAsync(hash) || await cluster.GetAsync() is not { } info)
            {
                return Unauthorized(http);
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.Text(manifests.Render(cluster_id, info.Name, token!, urls.For(http)), "application/yaml; charset=utf-8");
        });

    private static IResult Unauthorized(HttpContext http)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Refused.ToResult();
    }
}
