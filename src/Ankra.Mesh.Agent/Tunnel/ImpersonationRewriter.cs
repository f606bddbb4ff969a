using System.Net;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.Contracts.Http;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Agent;

namespace Ankra.Mesh.Agent.Tunnel;

/// <summary>
/// The last step before a user's request reaches the API server (step 6 of the request path, see README):
/// every credential or identity header the client sent is removed — whatever the edge already did — and
/// the agent's own service-account token plus impersonation of the granted user are added: the member's
/// email as <c>Impersonate-User</c>, their stable user id as <c>Impersonate-Uid</c>, and the organisation,
/// request and grant ids as extras. A request without an identity is refused: it would otherwise run with
/// the agent's own privileges.
/// </summary>
internal sealed class ImpersonationRewriter(ApiServerConnection apiServer)
{
    /// <summary>Extra keys the agent stamps (its ClusterRole allows impersonating exactly these).</summary>
    public const string RequestIdExtra = "ankra-request-id";
    public const string GrantIdExtra = "ankra-grant-id";
    public const string OrganisationIdExtra = "ankra-org-id";

    public async ValueTask RewriteAsync(HttpRequestMessage request, Identity identity, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(identity.User))
        {
            throw Refused("the gateway sent no user identity for this request; refusing to run it with the agent's own permissions");
        }

        // Each value becomes a header the API server reads as one value: a control character could split or end the
        // header block, a comma could be read as a list by a proxy on the way. Kubernetes itself takes any string.
        if (ImpersonatedName.Problem(identity.User) is { } user)
        {
            throw Refused($"the gateway sent a user name that {user}; refusing to impersonate it");
        }

        if (Unsafe(identity) is { } field)
        {
            throw Refused($"the gateway sent an identity whose {field} is not a safe header value; refusing to impersonate it");
        }

        IdentityHeaders.RemoveFrom(request.Headers);
        request.Headers.Authorization = await apiServer.GetAuthorizationAsync(cancellationToken);
        request.Headers.TryAddWithoutValidation("Impersonate-User", identity.User);
        if (!string.IsNullOrEmpty(identity.Uid))
        {
            request.Headers.TryAddWithoutValidation("Impersonate-Uid", identity.Uid);
        }

        foreach (var group in identity.Groups)
        {
            request.Headers.TryAddWithoutValidation("Impersonate-Group", group);
        }

        AddExtra(request, OrganisationIdExtra, identity.OrganisationId);
        AddExtra(request, RequestIdExtra, identity.RequestId);
        AddExtra(request, GrantIdExtra, identity.GrantId);
    }

    /// <summary>A 403 that kubectl shows as it shows the API server's own refusals: a Kubernetes <c>Status</c>.</summary>
    private static TunnelRequestRejectedException Refused(string message) =>
        new(HttpStatusCode.Forbidden, KubeStatusBody.SerializeToString(403, "Forbidden", $"Ankra agent: {message}"), KubeStatusBody.ContentType);

    private static void AddExtra(HttpRequestMessage request, string key, string value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            request.Headers.TryAddWithoutValidation($"Impersonate-Extra-{key}", value);
        }
    }

    private static string? Unsafe(Identity identity) =>
        !ImpersonatedName.IsHeaderSafe(identity.Uid) ? "uid"
        : identity.Groups.Any(g => g.Length == 0 || !ImpersonatedName.IsHeaderSafe(g)) ? "group"
        : !ImpersonatedName.IsHeaderSafe(identity.OrganisationId) ? "organisation id"
        : !ImpersonatedName.IsHeaderSafe(identity.RequestId) ? "request id"
        : !ImpersonatedName.IsHeaderSafe(identity.GrantId) ? "grant id"
        : null;
}
