using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Agent;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// The last step before a user's request reaches the API server (step 6 of the request path, see README):
/// every credential or identity header the client sent is removed — whatever the edge already did — and
/// the agent's own service-account token plus impersonation of the granted user are added. A request
/// without an identity is refused: it would otherwise run with the agent's own privileges.
/// </summary>
internal sealed class ImpersonationRewriter(ApiServerConnection apiServer)
{
    /// <summary>Extra keys the agent stamps (its ClusterRole allows impersonating exactly these).</summary>
    public const string RequestIdExtra = "ankra-request-id";
    public const string GrantIdExtra = "ankra-grant-id";

    public async ValueTask RewriteAsync(HttpRequestMessage request, Identity identity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(identity.User))
        {
            throw new TunnelRequestRejectedException(System.Net.HttpStatusCode.Forbidden,
                "the gateway sent no user identity for this request; refusing to run it with the agent's own permissions");
        }

        RemoveClientIdentityHeaders(request);
        request.Headers.Authorization = await apiServer.GetAuthorizationAsync(cancellationToken);
        request.Headers.TryAddWithoutValidation("Impersonate-User", identity.User);
        foreach (var group in identity.Groups)
        {
            request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
        }

        if (!string.IsNullOrEmpty(identity.RequestId))
        {
            request.Headers.TryAddWithoutValidation($"Impersonate-Extra-{RequestIdExtra}", identity.RequestId);
        }

        if (!string.IsNullOrEmpty(identity.GrantId))
        {
            request.Headers.TryAddWithoutValidation($"Impersonate-Extra-{GrantIdExtra}", identity.GrantId);
        }
    }

    /// <summary>Removes <c>Authorization</c>, <c>Impersonate-*</c> and <c>X-Remote-*</c> (front-proxy identity) headers.</summary>
    public static void RemoveClientIdentityHeaders(HttpRequestMessage request)
    {
        request.Headers.Authorization = null;
        foreach (var name in request.Headers.Select(header => header.Key).Where(IsIdentityHeader).ToList())
        {
            request.Headers.Remove(name);
        }
    }

    public static bool IsIdentityHeader(string name) =>
        name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("Impersonate-", StringComparison.OrdinalIgnoreCase)
        || name.StartsWith("X-Remote-", StringComparison.OrdinalIgnoreCase);
}
