namespace Ankra.Mesh.Cli.Api;

/// <summary>Body of <c>POST /api/v1/clusters/{id}/access/grants</c>; <c>namespace</c> is null for a cluster-wide grant.</summary>
internal sealed record CreateGrantRequest(string UserEmail, string Scope, string Role, string? Namespace);
