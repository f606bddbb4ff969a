namespace Ankra.Mesh.Cli.Api;

/// <summary>An access grant as the user API returns it.</summary>
internal sealed record GrantInfo(
    string Id,
    string UserEmail,
    string Scope,
    string? Namespace,
    string Role,
    string? ReconcileStatus,
    string? ReconcileError,
    DateTimeOffset? CreatedAt);
