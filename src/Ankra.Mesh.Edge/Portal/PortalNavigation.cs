namespace Ankra.Mesh.Edge.Portal;

/// <summary>What the layout shows: who is signed in, their organisations, the current one and its role.</summary>
public sealed record PortalNavigation(string? Email, IReadOnlyList<PortalOrganisation> Organisations, string? OrganisationId, string? Role)
{
    /// <summary>Nobody signed in.</summary>
    public static PortalNavigation SignedOut { get; } = new(null, [], null, null);

    /// <summary>True for an admin of the current organisation.</summary>
    public bool IsAdmin => Role == Grains.AccessVocabulary.RoleAdmin;
}
