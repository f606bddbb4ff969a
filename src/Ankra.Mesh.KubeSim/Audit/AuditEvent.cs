using Ankra.Mesh.KubeSim.Authentication;

namespace Ankra.Mesh.KubeSim.Audit;

/// <summary>One request as the audit trail records it (after the response was written).</summary>
/// <param name="Time">When the request arrived.</param>
/// <param name="User">The authenticated identity (null when authentication failed).</param>
/// <param name="ImpersonatedUser">The identity the request acted as, when it impersonated.</param>
/// <param name="Verb">Kubernetes verb (get, list, watch, create, …) or the lower-case HTTP method for other paths.</param>
/// <param name="ApiGroup">API group of a resource request ("" for core).</param>
/// <param name="Resource">Resource (<c>pods</c>), empty for non-resource paths.</param>
/// <param name="Subresource">Subresource (<c>log</c>, <c>exec</c>), empty when none.</param>
/// <param name="Namespace">Namespace, empty when cluster-scoped.</param>
/// <param name="Name">Object name, empty for collections.</param>
/// <param name="RequestUri">Path and query.</param>
/// <param name="ResponseCode">HTTP status code of the response.</param>
public sealed record AuditEvent(
    DateTimeOffset Time,
    UserInfo? User,
    UserInfo? ImpersonatedUser,
    string Verb,
    string ApiGroup,
    string Resource,
    string Subresource,
    string Namespace,
    string Name,
    string RequestUri,
    int ResponseCode)
{
    /// <summary>The identity the request was authorized as.</summary>
    public UserInfo? EffectiveUser => ImpersonatedUser ?? User;
}
