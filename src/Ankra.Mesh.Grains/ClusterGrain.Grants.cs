using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Grains;

/// <summary>Grants: create, list (with display status), delete, revoke a user, revoke all.</summary>
internal sealed partial class ClusterGrain
{
    public Task<IReadOnlyList<GrantInfo>> ListGrantsAsync()
    {
        var online = Online;
        IReadOnlyList<GrantInfo> grants = [.. S.Grants.Values
            .OrderBy(g => g.CreatedAt)
            .Select(g => !online && g.ReconcileStatus == AccessVocabulary.StatusPending
                ? g.WithStatus(AccessVocabulary.StatusClusterOffline, null, g.ReconciledAt)
                : g)];
        return Task.FromResult(grants);
    }

    public async Task<Outcome<GrantInfo>> CreateGrantAsync(GrantRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!S.Exists)
        {
            return Outcome<GrantInfo>.Fail(ControlPlaneError.NotFound, "Cluster not found");
        }

        if (S.Kind == AccessVocabulary.KindSandbox)
        {
            return Outcome<GrantInfo>.Fail(ControlPlaneError.Invalid, "Sandbox clusters do not support cluster access");
        }

        var duplicate = S.Grants.Values.FirstOrDefault(g =>
            g.AnkraUserId == request.UserId && g.Scope == request.Scope && g.Namespace == request.Namespace);
        if (duplicate is not null)
        {
            var where = request.Scope == AccessVocabulary.ScopeCluster ? "cluster-wide" : $"in namespace {request.Namespace}";
            return Outcome<GrantInfo>.Fail(ControlPlaneError.Conflict, $"{request.UserEmail} already has a grant {where} (grant {duplicate.Id}, role {duplicate.Role}); delete it first to change the role");
        }

        var grant = NewGrant(request);
        S.Grants[grant.Id] = grant;
        S.GrantsVersion++;
        await SaveAndAnnounceAsync();
        GrainsLog.GrantCreated(logger, ClusterId, grant.Id, grant.AnkraUserId, grant.Role, grant.Scope);
        return Outcome<GrantInfo>.Ok(Online ? grant : grant.WithStatus(AccessVocabulary.StatusClusterOffline, null, null));
    }

    public async Task<bool> DeleteGrantAsync(string grantId)
    {
        if (!S.Grants.Remove(grantId))
        {
            return false;
        }

        S.GrantsVersion++;
        await SaveAndAnnounceAsync();
        GrainsLog.GrantsRevoked(logger, ClusterId, 1, $"grant {grantId} deleted");
        return true;
    }

    public async Task<int> RevokeUserAsync(string userId)
    {
        var ids = S.Grants.Values.Where(g => g.AnkraUserId == userId).Select(g => g.Id).ToList();
        if (ids.Count == 0)
        {
            return 0;
        }

        ids.ForEach(id => S.Grants.Remove(id));
        S.GrantsVersion++;
        await SaveAndAnnounceAsync();
        GrainsLog.GrantsRevoked(logger, ClusterId, ids.Count, $"user {userId} left the organisation");
        return ids.Count;
    }

    public async Task<int> RevokeAllAsync()
    {
        var count = S.Grants.Count;
        S.Grants.Clear();
        S.GrantsVersion++;

        // Bumping the generation makes every kube token minted so far fail verification, even for
        // users who are granted again later.
        S.Generation++;
        await SaveAndAnnounceAsync();
        GrainsLog.GrantsRevoked(logger, ClusterId, count, "revoke-all");
        return count;
    }

    private GrantInfo NewGrant(GrantRequest request) => new()
    {
        Id = MeshIdentifiers.NewId(),
        OrganisationId = S.OrganisationId,
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
