namespace Ankra.Mesh.Cli.Commands;

/// <summary>How <c>kubeconfig add</c> writes each entry.</summary>
internal sealed record KubeconfigEntryOptions(
    bool EmbedToken,
    string ExecCommand,
    bool InsecureSkipTlsVerify,
    string? CertificateAuthorityData,
    string? Namespace);
