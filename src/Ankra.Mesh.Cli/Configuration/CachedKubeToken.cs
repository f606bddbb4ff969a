namespace Ankra.Mesh.Cli.Configuration;

/// <summary>One cached kube token.</summary>
internal sealed record CachedKubeToken(string Token, DateTimeOffset ExpiresAt, DateTimeOffset MintedAt);
