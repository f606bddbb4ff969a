namespace Ankra.Mesh.Cli.Api;

/// <summary>An API token's metadata (the secret is returned only once, at creation).</summary>
internal sealed record ApiTokenInfo(
    string Id,
    string Name,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt,
    string? Token = null);
