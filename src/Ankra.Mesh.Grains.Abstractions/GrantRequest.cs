namespace Ankra.Mesh.Grains;

/// <summary>A validated request for a grant (the edge checked membership, role, scope and namespace).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.GrantRequest")]
public sealed class GrantRequest
{
    /// <summary>The member to grant.</summary>
    [Id(0)] public string UserId { get; init; } = string.Empty;

    /// <summary>The member's email.</summary>
    [Id(1)] public string UserEmail { get; init; } = string.Empty;

    /// <summary>Scope.</summary>
    [Id(2)] public string Scope { get; init; } = string.Empty;

    /// <summary>Namespace for namespace scope, else null.</summary>
    [Id(3)] public string? Namespace { get; init; }

    /// <summary>Role.</summary>
    [Id(4)] public string Role { get; init; } = string.Empty;
}
