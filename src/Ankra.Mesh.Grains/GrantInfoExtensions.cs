namespace Ankra.Mesh.Grains;

/// <summary>Copies of an immutable grant with one aspect changed.</summary>
internal static class GrantInfoExtensions
{
    public static GrantInfo WithStatus(this GrantInfo grant, string status, string? error, DateTimeOffset? reconciledAt) =>
        grant with { ReconcileStatus = status, ReconcileError = error, ReconciledAt = reconciledAt };

    /// <summary>The grant for the member's new email: pending again, because the cluster's binding still names the old one.</summary>
    public static GrantInfo WithEmail(this GrantInfo grant, string email) =>
        grant with { UserEmail = email, ReconcileStatus = AccessVocabulary.StatusPending, ReconcileError = null };

    /// <summary>
    /// Same grant id (so the same binding name and audit reference), new role: pending until the agent has replaced the
    /// binding (a roleRef cannot change in place; the reconciler deletes and creates it).
    /// </summary>
    public static GrantInfo WithRole(this GrantInfo grant, string role) =>
        grant with { Role = role, ReconcileStatus = AccessVocabulary.StatusPending, ReconcileError = null, ReconciledAt = null };
}
