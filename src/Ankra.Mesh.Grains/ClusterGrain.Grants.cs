using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Grains;

/// <summary>Grants: create, list (with display status), change a role, delete, revoke a user, revoke all.</summary>
internal sealed partial class ClusterGrain
{
    public Task<IReadOnlyList<GrantInfo>> ListGrantsAsync()
    {
        IReadOnlyList<GrantInfo> grants = [.. S.Grants.Values.OrderBy(g => g.CreatedAt).Select(Displayed)];
        return Task.FromResult(grants);
    }

    public async Task<Outcome<GrantInfo>> CreateGrantAsync(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var draft = await _state.EditAsync();
        if (!draft.Exists)
        {
            return Outcome<GrantInfo>.Fail(ControlPlaneError.NotFound, "Cluster not found");
        }

        if (draft.Kind == AccessVocabulary.KindSandbox)
        {
            return Outcome<GrantInfo>.Fail(ControlPlaneError.Invalid, "Sandbox clusters do not support cluster access");
        }

        // The natural key of a grant is user + scope + namespace (clients send no idempotency key). The same
        // request again is a retry, e.g. after a 503 whose write did land after all: it gets the grant it
        // asked for, unchanged, instead of a second grant or a conflict.
        var existing = draft.Grants.Values.FirstOrDefault(g =>
            g.AnkraUserId == request.UserId && g.Scope == request.Scope && g.Namespace == request.Namespace);
        if (existing is not null)
        {
            if (existing.Role == request.Role)
            {
                return Outcome<GrantInfo>.Existing(Displayed(existing));
            }

            var where = request.Scope == AccessVocabulary.ScopeCluster ? "cluster-wide" : $"in namespace {request.Namespace}";
            return Outcome<GrantInfo>.Fail(ControlPlaneError.Conflict, $"{request.UserEmail} already has a grant {where} (grant {existing.Id}, role {existing.Role}); delete it first to change the role");
        }

        var grant = NewGrant(draft, request);
        draft.Grants[grant.Id] = grant;
        draft.GrantsVersion++;
        await CommitAndAnnounceAsync(draft);
        GrainsLog.GrantCreated(logger, ClusterId, grant.Id, grant.AnkraUserId, grant.Role, grant.Scope);
        return Outcome<GrantInfo>.Ok(Displayed(grant));
    }

    public async Task<Outcome<GrantInfo>> ChangeGrantRoleAsync(string grantId, string role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var draft = await _state.EditAsync();
        if (!draft.Exists || !draft.Grants.TryGetValue(grantId, out var grant))
        {
            return Outcome<GrantInfo>.Fail(ControlPlaneError.NotFound, "Grant not found");
        }

        if (grant.Role == role)
        {
            return Outcome<GrantInfo>.Existing(Displayed(grant));
        }

        // Same grant id (so the same binding name and audit reference), new role: pending until the agent has
        // replaced the binding (a roleRef cannot change in place; the reconciler deletes and creates it).
        var changed = new GrantInfo
        {
            Id = grant.Id,
            OrganisationId = grant.OrganisationId,
            ClusterId = grant.ClusterId,
            AnkraUserId = grant.AnkraUserId,
            UserEmail = grant.UserEmail,
            Scope = grant.Scope,
            Namespace = grant.Namespace,
            Role = role,
            ReconcileStatus = AccessVocabulary.StatusPending,
            CreatedAt = grant.CreatedAt,
        };
        draft.Grants[grantId] = changed;
        draft.GrantsVersion++;
        draft.RoleChangedAtVersion[grantId] = draft.GrantsVersion;
        await CommitAndAnnounceAsync(draft);
        GrainsLog.GrantRoleChanged(logger, ClusterId, grantId, grant.Role, role);
        return Outcome<GrantInfo>.Ok(Displayed(changed));
    }

    public async Task<bool> DeleteGrantAsync(string grantId)
    {
        var draft = await _state.EditAsync();
        if (!draft.Grants.Remove(grantId))
        {
            return false;
        }

        draft.RoleChangedAtVersion.Remove(grantId);
        draft.GrantsVersion++;
        await CommitAndAnnounceAsync(draft);
        GrainsLog.GrantsRevoked(logger, ClusterId, 1, $"grant {grantId} deleted");
        return true;
    }

    public async Task<int> RevokeUserAsync(string userId)
    {
        var draft = await _state.EditAsync();
        var ids = draft.Grants.Values.Where(g => g.AnkraUserId == userId).Select(g => g.Id).ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        ids.ForEach(id => draft.Grants.Remove(id));
        ids.ForEach(id => draft.RoleChangedAtVersion.Remove(id));
        draft.GrantsVersion++;
        await CommitAndAnnounceAsync(draft);
        GrainsLog.GrantsRevoked(logger, ClusterId, ids.Count, $"user {userId} left the organisation");
        return ids.Count;
    }

    public async Task<int> RevokeAllAsync()
    {
        var draft = await _state.EditAsync();
        var count = draft.Grants.Count;
        draft.Grants.Clear();
        draft.RoleChangedAtVersion.Clear();
        draft.GrantsVersion++;

        // Bumping the generation makes every kube token minted so far fail verification, even for
        // users who are granted again later.
        draft.Generation++;
        await CommitAndAnnounceAsync(draft);
        GrainsLog.GrantsRevoked(logger, ClusterId, count, "revoke-all");
        return count;
    }

    /// <summary>A pending grant shows as <c>cluster_offline</c> while no agent can apply it.</summary>
    private GrantInfo Displayed(GrantInfo grant) =>
        !Online && grant.ReconcileStatus == AccessVocabulary.StatusPending
            ? grant.WithStatus(AccessVocabulary.StatusClusterOffline, null, grant.ReconciledAt)
            : grant;

    private GrantInfo NewGrant(ClusterState cluster, GrantRequest request) => new()
    {
        Id = MeshIdentifiers.NewId(),
        OrganisationId = cluster.OrganisationId,
        ClusterId = ClusterId,
        AnkraUserId = request.UserId,
        UserEmail = request.UserEmail,
        Scope = request.Scope,
        Namespace = request.Scope == AccessVocabulary.ScopeNamespace ? request.Namespace : null,
        Role = request.Role,
        ReconcileStatus = AccessVocabulary.StatusPending,
        CreatedAt = Now,
    };
}
