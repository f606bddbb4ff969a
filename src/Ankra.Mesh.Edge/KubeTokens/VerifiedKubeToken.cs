namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>What a kube token whose signature and issuer were verified says: who, for which clusters, until when.</summary>
internal sealed record VerifiedKubeToken(string Subject, IReadOnlyList<string> Audiences, long Generation, DateTimeOffset Expires);
