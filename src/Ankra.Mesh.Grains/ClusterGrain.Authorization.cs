namespace Ankra.Mesh.Grains;

/// <summary>The authorization decision the kube proxy asks for (through the edge's short cache).</summary>
internal sealed partial class ClusterGrain
{
    public Task<AccessDecision> AuthorizeAsync(string userId, long tokenGeneration)
    {
        if (!S.Exists)
        {
            return Task.FromResult(Deny(AccessDenialReason.ClusterNotFound, "Cluster not found"));
        }

        if (S.Kind == AccessVocabulary.KindSandbox)
        {
            return Task.FromResult(Deny(AccessDenialReason.Sandbox, "Sandbox clusters do not support cluster access"));
        }

        if (tokenGeneration != S.Generation)
        {
            return Task.FromResult(Deny(AccessDenialReason.TokenRevoked, "All access to this cluster was revoked after this token was issued; get a new token (ankra cluster kube-token)"));
        }

        // A cluster-scoped grant is the better audit reference when a user holds several.
        var grant = S.Grants.Values
            .Where(g => g.AnkraUserId == userId)
            .OrderBy(g => g.Scope == AccessVocabulary.ScopeCluster ? 0 : 1)
            .ThenBy(g => g.CreatedAt)
            .FirstOrDefault();
        if (grant is null)
        {
            return Task.FromResult(Deny(AccessDenialReason.NoGrant, "You do not have access to this cluster"));
        }

        return Task.FromResult(new AccessDecision
        {
            Allowed = true,
            // The member's email as this cluster's grants record it (every grant of a user carries the same one: an
            // email change rewrites them in one write), and the stable id beside it.
            KubernetesUser = grant.UserEmail,
            KubernetesUid = userId,
            OrganisationId = S.OrganisationId,
            GrantId = grant.Id,
            LastSeenAt = S.LastSeenAt,
            Generation = S.Generation,
            SessionIds = [.. LiveSessions(S).Select(s => s.SessionId)],
        });
    }

    private AccessDecision Deny(AccessDenialReason reason, string message) => new()
    {
        Allowed = false,
        Reason = reason,
        Message = message,
        LastSeenAt = S.LastSeenAt,
        Generation = S.Generation,
    };
}
