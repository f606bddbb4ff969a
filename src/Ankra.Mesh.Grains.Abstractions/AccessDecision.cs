namespace Ankra.Mesh.Grains;

/// <summary>
/// The cluster grain's answer to "may this user, holding a token of this generation, use the
/// cluster now?", plus what the proxy needs to route the request. Edges cache it briefly
/// (<c>AccessDecisionCache</c>) and drop it on an access-changed event.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.AccessDecision")]
public sealed class AccessDecision
{
    /// <summary>True when the request may proceed.</summary>
    [Id(0)] public bool Allowed { get; init; }

    /// <summary>Why not, when denied.</summary>
    [Id(1)] public AccessDenialReason Reason { get; init; }

    /// <summary>A message a person can act on (for denials).</summary>
    [Id(2)] public string Message { get; init; } = string.Empty;

    /// <summary>
    /// Kubernetes user name to impersonate: the member's email as the grant records it (so the cluster's audit names a
    /// person). It comes from this decision, never from the kube token, so a token minted before an email change
    /// acts under the new name.
    /// </summary>
    [Id(3)] public string KubernetesUser { get; init; } = string.Empty;

    /// <summary>The grant that allows it (cluster scope preferred); for audit extras.</summary>
    [Id(4)] public string? GrantId { get; init; }

    /// <summary>Last agent check-in.</summary>
    [Id(6)] public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>The cluster's current revoke-all generation.</summary>
    [Id(8)] public long Generation { get; init; }

    /// <summary>Live agent session ids (for fencing frames of older sessions).</summary>
    [Id(9)] public IReadOnlyList<string> SessionIds { get; init; } = [];

    /// <summary>The user's stable id, impersonated as the uid: it stays the same when the email changes.</summary>
    [Id(10)] public string KubernetesUid { get; init; } = string.Empty;

    /// <summary>The cluster's organisation (an impersonated extra, for the cluster's audit).</summary>
    [Id(11)] public string OrganisationId { get; init; } = string.Empty;
}
