namespace Ankra.Mesh.Grains;

/// <summary>Creates a cluster (the edge validated name and kind and generated the agent token).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.CreateClusterCommand")]
public sealed class CreateClusterCommand
{
    /// <summary>Cluster name.</summary>
    [Id(0)] public string Name { get; init; } = string.Empty;

    /// <summary>Kind.</summary>
    [Id(1)] public string Kind { get; init; } = AccessVocabulary.KindImported;

    /// <summary>Owning organisation.</summary>
    [Id(2)] public string OrganisationId { get; init; } = string.Empty;

    /// <summary>The creating user (gets a cluster-admin grant on imported clusters).</summary>
    [Id(3)] public string CreatorUserId { get; init; } = string.Empty;

    /// <summary>The creator's email.</summary>
    [Id(4)] public string CreatorEmail { get; init; } = string.Empty;

    /// <summary>Hash of the agent registration token's secret.</summary>
    [Id(5)] public string AgentTokenHash { get; init; } = string.Empty;
}
