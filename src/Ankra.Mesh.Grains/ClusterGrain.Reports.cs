namespace Ankra.Mesh.Grains;

/// <summary>Grant status reports from the cluster's agents.</summary>
internal sealed partial class ClusterGrain
{
    public async Task<Outcome<int>> ReportGrantStatusAsync(string agentTokenHash, string sessionId, string replicaId, IReadOnlyList<GrantReport> reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        var refusal = CheckSession<int>(S, agentTokenHash, sessionId, replicaId);
        if (refusal is not null)
        {
            return refusal;
        }

        // Reports about grants that were deleted meanwhile are stale: skip them. Agents report every grant
        // at every reconcile (each replica, every minute); only a report that changes a status or an error
        // is worth a write, so reconciled_at says when a grant reached its current status.
        var known = reports.Where(r => S.Grants.ContainsKey(r.GrantId)).ToList();

        // A report reconciled before the grant's last role change is about the old binding: "applied" would be a lie.
        var current = known.Where(r => !S.RoleChangedAtVersion.TryGetValue(r.GrantId, out var changedAt) || r.GrantsVersion >= changedAt).ToList();
        var updates = current
            .Select(r => Reported(S.Grants[r.GrantId], r))
            .Where(g => g.ReconcileStatus != S.Grants[g.Id].ReconcileStatus || g.ReconcileError != S.Grants[g.Id].ReconcileError)
            .ToList();
        if (updates.Count > 0)
        {
            var draft = await _state.EditAsync();
            foreach (var grant in updates.Where(g => draft.Grants.ContainsKey(g.Id)))
            {
                draft.Grants[grant.Id] = grant;
                draft.RoleChangedAtVersion.Remove(grant.Id);
            }

            await _state.CommitAsync(draft);
        }

        return Outcome<int>.Ok(known.Count);
    }

    private static GrantInfo Reported(GrantInfo grant, GrantReport report) => grant.WithStatus(
        report.Applied ? AccessVocabulary.StatusApplied : AccessVocabulary.StatusFailed,
        report.Applied ? null : report.Error ?? "unknown error",
        report.ReconciledAt);
}
