namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>A kube token with the proxy URL it is for.</summary>
internal sealed record MintedKubeToken(string Token, string Server, DateTimeOffset ExpiresAt, string ClusterName);
