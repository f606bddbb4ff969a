namespace Ankra.Mesh.Cli.Api;

/// <summary>A short-lived kube token and the proxy URL it is valid for.</summary>
internal sealed record KubeToken(string Token, string Server, DateTimeOffset ExpiresAt);
