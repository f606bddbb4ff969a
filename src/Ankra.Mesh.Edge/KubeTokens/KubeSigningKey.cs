namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>One signing key from configuration.</summary>
public sealed class KubeSigningKey
{
    /// <summary>Key id, written into the token header as <c>kid</c>.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>Base64 key material, at least 32 bytes.</summary>
    public string Secret { get; set; } = string.Empty;
}
