namespace Ankra.Mesh.Hosting;

/// <summary>
/// How silos and edges reach NATS (<c>Mesh:Nats</c>): the servers, this process's own credential, the CA
/// that signs the servers' certificates, and — on the edge — the account signing key it issues agents'
/// credentials with. Validated at start-up by <see cref="MeshNatsOptionsValidator"/>.
/// </summary>
public sealed class MeshNatsOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Nats";

    /// <summary>NATS server URL(s), comma separated (every server of the NATS cluster; <c>tls://</c> in production).</summary>
    public string Url { get; set; } = "tls://127.0.0.1:4222";

    /// <summary>
    /// A NATS creds file (user JWT + seed) this process connects with. When unset and
    /// <see cref="AccountSigningKeyFile"/> is set, the process issues its own credential at start-up.
    /// </summary>
    public string? CredsFile { get; set; }

    /// <summary>Public key ("A…") of the mesh account whose signing key is <see cref="AccountSigningKeyFile"/>.</summary>
    public string? AccountPublicKey { get; set; }

    /// <summary>
    /// File holding the mesh account's signing key seed ("SA…", a secret): edges issue agents' credentials
    /// with it, and any process may issue its own. Never the operator key.
    /// </summary>
    public string? AccountSigningKeyFile { get; set; }

    /// <summary>PEM file of the CA the NATS servers' certificates chain to; when set, only that CA is trusted.</summary>
    public string? CaFile { get; set; }

    /// <summary>How long an agent's NATS credential lives; agents renew it at half its life.</summary>
    public TimeSpan AgentCredentialLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Development only: connect without credentials or TLS, and hand agents no credential. Logged as a
    /// warning at every start; never set it where a customer cluster can reach the NATS servers.
    /// </summary>
    public bool AllowInsecure { get; set; }

    /// <summary>True when a signing key is configured, so this process can issue NATS user credentials.</summary>
    public bool CanIssueCredentials => !string.IsNullOrEmpty(AccountSigningKeyFile);
}
