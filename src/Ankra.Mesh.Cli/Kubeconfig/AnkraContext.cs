namespace Ankra.Mesh.Cli.Kubeconfig;

/// <summary>An Ankra-managed context found in a kubeconfig.</summary>
internal sealed record AnkraContext(
    string ContextName,
    string ClusterEntry,
    string UserEntry,
    string? Server,
    string ClusterId,
    string ClusterName);
