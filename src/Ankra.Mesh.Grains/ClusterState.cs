namespace Ankra.Mesh.Grains;

/// <summary>Persisted state of <see cref="ClusterGrain"/>.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.ClusterState")]
internal sealed class ClusterState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public string Name { get; set; } = string.Empty;

    [Id(2)] public string Kind { get; set; } = string.Empty;

    [Id(3)] public string OrganisationId { get; set; } = string.Empty;

    [Id(4)] public DateTimeOffset CreatedAt { get; set; }

    [Id(5)] public string AgentTokenHash { get; set; } = string.Empty;

    /// <summary>Current session per replica id; a new registration of a replica replaces (fences) the old one.</summary>
    [Id(6)] public Dictionary<string, AgentSessionInfo> Sessions { get; set; } = new(StringComparer.Ordinal);

    [Id(7)] public DateTimeOffset? LastSeenAt { get; set; }

    [Id(8)] public string? AgentVersion { get; set; }

    [Id(9)] public string? KubernetesVersion { get; set; }

    [Id(10)] public Dictionary<string, GrantInfo> Grants { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Version of the desired grant set handed to agents.</summary>
    [Id(11)] public long GrantsVersion { get; set; }

    /// <summary>Revoke-all generation carried by kube tokens.</summary>
    [Id(12)] public long Generation { get; set; }

    /// <summary>
    /// NATS public keys of past registrations, oldest first (bounded, see <c>ClusterGrain.MaxRememberedNatsKeys</c>):
    /// a key pair serves one session only, so a key seen before is refused.
    /// </summary>
    [Id(13)] public List<string> UsedNatsKeys { get; set; } = [];

    /// <summary>
    /// Set by <c>DeleteAsync</c>: the cluster is gone for good (its id is never served or created again).
    /// <see cref="Exists"/> is false then, and the token hash, sessions and grants are empty.
    /// </summary>
    [Id(14)] public bool Deleted { get; set; }

    /// <summary>
    /// Per grant whose role changed: the <see cref="GrantsVersion"/> that carried the new role. Reports of an older
    /// version are about the old binding and are skipped; the entry goes once a current report arrived.
    /// </summary>
    [Id(15)] public Dictionary<string, long> RoleChangedAtVersion { get; set; } = new(StringComparer.Ordinal);
}
