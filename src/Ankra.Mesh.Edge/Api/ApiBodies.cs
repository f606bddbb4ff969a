namespace Ankra.Mesh.Edge.Api;

/// <summary>POST /api/v1/tokens; <c>user_email</c> (admins only) issues the token to another member.</summary>
internal sealed record CreateTokenBody(string? Name, int? ExpiresInDays, string? UserEmail = null);

/// <summary>POST /api/v1/organisation/members.</summary>
internal sealed record AddMemberBody(string? Email, string? Role);

/// <summary>POST /api/v1/clusters.</summary>
internal sealed record CreateClusterBody(string? Name, string? Kind);

/// <summary>POST /api/v1/clusters/{id}/access/grants.</summary>
internal sealed record CreateGrantBody(string? UserEmail, string? Scope, string? Role, string? Namespace);

/// <summary>PATCH /api/v1/clusters/{id}/access/grants/{grant_id}: the new role.</summary>
internal sealed record ChangeGrantBody(string? Role);
