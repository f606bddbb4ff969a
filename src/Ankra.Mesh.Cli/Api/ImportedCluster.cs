namespace Ankra.Mesh.Cli.Api;

/// <summary>The answer to importing a cluster: the cluster, its agent registration token (shown once) and how to install the agent.</summary>
internal sealed record ImportedCluster(ClusterInfo Cluster, string AgentToken, string? InstallCommand);
