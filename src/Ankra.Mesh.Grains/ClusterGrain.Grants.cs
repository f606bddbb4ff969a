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

        var changed = grant.WithRole(role);
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

    /// <summary>
    /// Rewrites the email of every grant <paramref name="userId"/> holds here in one write, marks them pending and
    /// announces the change: edges drop their cached decisions (which carry the name to impersonate) and the agents
    /// check in and rebind. Nothing to change writes nothing, so a retried email change costs no write.
    /// </summary>
    public async Task<int> ChangeUserEmailAsync(string userId, string email)
    {
        var draft = await _state.EditAsync();
        var changed = draft.Grants.Values.Where(g => g.AnkraUserId == userId && g.UserEmail != email).ToList();
        if (changed.Count == 0)
        {
            return 0;
        }

        changed.ForEach(g => draft.Grants[g.Id] = g.WithEmail(email));
        draft.GrantsVersion++;
        await CommitAndAnnounceAsync(draft);
        GrainsLog.GrantEmailChanged(logger, ClusterId, changed.Count, userId, email);
        return changed.Count;
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
