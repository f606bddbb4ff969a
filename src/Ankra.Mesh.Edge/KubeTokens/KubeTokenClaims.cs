namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>Claim names of kube tokens beyond the registered ones (sub = user id, aud = cluster id).</summary>
internal static class KubeTokenClaims
{
    /// <summary>The cluster's revoke-all generation at mint time.</summary>
    public const string Generation = "ankra_gen";

    /// <summary>Marks the token type, so an API token can never be mistaken for a kube token or back.</summary>
    public const string TokenUse = "ankra_use";

    public const string TokenUseKube = "kube";
}
