namespace Ankra.Mesh.Grains;

/// <summary>What the control plane knows about a cluster (a snapshot; online is computed at read time).</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.ClusterInfo")]
public sealed class ClusterInfo
{
    /// <summary>Cluster id (uuid).</summary>
    [Id(0)] public string Id { get; init; } = string.Empty;

    /// <summary>Display name (DNS-1123 label).</summary>
    [Id(1)] public string Name { get; init; } = string.Empty;

    /// <summary><c>imported</c> or <c>sandbox</c>.</summary>
    [Id(2)] public string Kind { get; init; } = string.Empty;

    /// <summary>Owning organisation.</summary>
    [Id(3)] public string OrganisationId { get; init; } = string.Empty;

    /// <summary>Creation time (UTC).</summary>
    [Id(4)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Last agent check-in or registration (UTC), if any.</summary>
    [Id(5)] public DateTimeOffset? LastSeenAt { get; init; }

    /// <summary>True while an agent checked in within the offline threshold.</summary>
    [Id(6)] public bool Online { get; init; }

    /// <summary>Version of the most recently seen agent.</summary>
    [Id(7)] public string? AgentVersion { get; init; }

    /// <summary>Kubernetes version the agent reported.</summary>
    [Id(8)] public string? KubernetesVersion { get; init; }

    /// <summary>Revoke-all generation: kube tokens minted under an older one are refused.</summary>
    [Id(9)] public long Generation { get; init; }

    /// <summary>Live agent sessions (one per replica; expired ones are not listed).</summary>
    [Id(10)] public IReadOnlyList<AgentSessionInfo> Sessions { get; init; } = [];
}
