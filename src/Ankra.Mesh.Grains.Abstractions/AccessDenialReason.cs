namespace Ankra.Mesh.Grains;

/// <summary>Why an authorization decision denied (the kube proxy turns each into a Kubernetes Status).</summary>
[GenerateSerializer]
[Alias("ankra.mesh.AccessDenialReason")]
public enum AccessDenialReason
{
    /// <summary>Allowed.</summary>
    None = 0,

    /// <summary>The cluster does not exist (404).</summary>
    ClusterNotFound = 1,

    /// <summary>The user holds no grant on the cluster (403).</summary>
    NoGrant = 2,

    /// <summary>The token predates a revoke-all (401: mint a new token).</summary>
    TokenRevoked = 3,

    /// <summary>Sandbox clusters have no cluster access (403).</summary>
    Sandbox = 4,
}
