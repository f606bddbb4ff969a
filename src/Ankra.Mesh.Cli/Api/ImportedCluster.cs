namespace Ankra.Mesh.Cli.Api;

/// <summary>
/// The answer to importing a cluster: the cluster, its agent registration token (shown once), the URL the edge
/// serves the agent's manifests at (authorized by that token) and the one-line install.
/// </summary>
internal sealed record ImportedCluster(ClusterInfo Cluster, string AgentToken, string? InstallCommand, string? InstallUrl = null);
