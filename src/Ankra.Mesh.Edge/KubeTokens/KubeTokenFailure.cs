namespace Ankra.Mesh.Edge.KubeTokens;

/// <summary>Why a kube token was refused.</summary>
public enum KubeTokenFailure
{
    /// <summary>Valid.</summary>
    None = 0,

    /// <summary>Not a JWT, bad signature, unknown key, wrong issuer or type.</summary>
    Invalid = 1,

    /// <summary>Past its expiry.</summary>
    Expired = 2,

    /// <summary>Minted for another cluster.</summary>
    WrongCluster = 3,
}
