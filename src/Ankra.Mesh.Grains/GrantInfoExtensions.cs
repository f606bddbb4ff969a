namespace Ankra.Mesh.Grains;

/// <summary>Copies of an immutable grant with one aspect changed.</summary>
internal static class GrantInfoExtensions
{
    public static GrantInfo WithStatus(this GrantInfo grant, string status, string? error, DateTimeOffset? reconciledAt) => new()
    {
        Id = grant.Id,
        OrganisationId = grant.OrganisationId,
        ClusterId = grant.ClusterId,
        AnkraUserId = grant.AnkraUserId,
        UserEmail = grant.UserEmail,
        Scope = grant.Scope,
        Namespace = grant.Namespace,
        Role = grant.Role,
        ReconcileStatus = status,
        ReconcileError = error,
        ReconciledAt = reconciledAt,
        CreatedAt = grant.CreatedAt,
    };

    /// <summary>The grant for the member's new email: pending again, because the cluster's binding still names the old one.</summary>
    public static GrantInfo WithEmail(this GrantInfo grant, string email) => new()
    {
        Id = grant.Id,
        OrganisationId = grant.OrganisationId,
        ClusterId = grant.ClusterId,
        AnkraUserId = grant.AnkraUserId,
        UserEmail = email,
        Scope = grant.Scope,
        Namespace = grant.Namespace,
        Role = grant.Role,
        ReconcileStatus = AccessVocabulary.StatusPending,
        ReconcileError = null,
        ReconciledAt = grant.ReconciledAt,
        CreatedAt = grant.CreatedAt,
    };
}
