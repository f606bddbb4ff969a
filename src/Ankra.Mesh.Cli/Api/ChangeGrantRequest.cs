namespace Ankra.Mesh.Cli.Api;

/// <summary>Body of <c>PATCH /api/v1/clusters/{id}/access/grants/{grant_id}</c>: the grant's new role.</summary>
internal sealed record ChangeGrantRequest(string Role);
