namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>Kube token signing (<c>Mesh:KubeTokens</c>).</summary>
public sealed class KubeTokenOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:KubeTokens";

    /// <summary>How long a minted token is accepted.</summary>
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>The <c>iss</c> claim.</summary>
    public string Issuer { get; set; } = "ankra-mesh";

    /// <summary>Key id (<c>kid</c>) new tokens are signed with; default: the first key.</summary>
    public string? ActiveKeyId { get; set; }

    /// <summary>
    /// HMAC-SHA256 keys by id. To rotate: add a key, make it active, and remove the old one after one
    /// token lifetime (it keeps verifying until removed). Empty in the embedded default: a random key
    /// is generated at start-up, so tokens die with the process — which matches its state.
    /// </summary>
    public IList<KubeSigningKey> Keys { get; } = [];
}
