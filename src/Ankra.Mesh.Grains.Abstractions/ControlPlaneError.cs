namespace Ankra.Mesh.Grains;

/// <summary>Why a control-plane command was refused; the edge maps each to a status code.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.ControlPlaneError")]
public enum ControlPlaneError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The thing does not exist (404).</summary>
    NotFound = 1,

    /// <summary>It already exists (409).</summary>
    Conflict = 2,

    /// <summary>The input is not acceptable (400).</summary>
    Invalid = 3,

    /// <summary>The caller may not do this (403).</summary>
    Forbidden = 4,

    /// <summary>Credentials are wrong, rotated or expired (401 / UNAUTHENTICATED).</summary>
    Unauthenticated = 5,

    /// <summary>The agent session was superseded (FAILED_PRECONDITION: register again).</summary>
    Fenced = 6,
}
