namespace Ankra.Mesh.Cli.Api;

/// <summary>The caller, as <c>GET /api/v1/me</c> describes them.</summary>
internal sealed record CurrentUser(
    string Id,
    string Email,
    IReadOnlyList<OrganisationMembership> Organisations,
    string? DefaultOrganisationId);
