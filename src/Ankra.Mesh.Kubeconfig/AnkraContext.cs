namespace Ankra.Mesh.Kubeconfig;

/// <summary>An Ankra-managed context found in a kubeconfig.</summary>
public sealed record AnkraContext(
    string ContextName,
    string ClusterEntry,
    string UserEntry,
    string? Server,
    string ClusterId,
    string ClusterName);
