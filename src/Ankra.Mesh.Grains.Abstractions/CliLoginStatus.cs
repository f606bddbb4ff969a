namespace Ankra.Mesh.Grains;

/// <summary>States of a CLI login as a poll sees them.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.CliLoginStatus")]
public enum CliLoginStatus
{
    /// <summary>Nobody approved it yet.</summary>
    AwaitingApproval = 0,

    /// <summary>Approved, and this poll collects it (the only one that ever will).</summary>
    Approved = 1,

    /// <summary>Unknown, expired, or already collected (410).</summary>
    Gone = 2,

    /// <summary>The ticket or verifier did not match; the login is cancelled (403).</summary>
    VerifierRefused = 3,

    /// <summary>The person in the browser denied it (403).</summary>
    Denied = 4,
}
