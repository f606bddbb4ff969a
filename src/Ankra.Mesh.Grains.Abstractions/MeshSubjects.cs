namespace Ankra.Mesh.Grains;

/// <summary>
/// The NATS subjects the control plane owns. Every identifier placed in a subject is checked with
/// <see cref="MeshIdentifiers.IsValid"/> first, so a subject never gains an extra token or wildcard.
/// </summary>
public static class MeshSubjects
{
    /// <summary>
    /// Prefix of the subjects agents serve tunnel streams on: the tunnel's layout <c>{root}.c.{cluster}</c>
    /// with root <c>mesh</c> (Ankra.Mesh.Tunnel's <c>TunnelSubjects</c>; <c>Mesh:Tunnel:SubjectRoot</c> must stay "mesh").
    /// </summary>
    public const string AgentPrefix = "mesh.c";

    /// <summary>Prefix of the access-changed events (one subject per cluster).</summary>
    public const string AccessEventsPrefix = "mesh.events.access";

    /// <summary>What an edge subscribes to in order to hear about every cluster's access changes.</summary>
    public const string AllAccessEvents = AccessEventsPrefix + ".*";

    /// <summary>The subject prefix one cluster's agents serve: <c>mesh.c.&lt;cluster-id&gt;</c>.</summary>
    public static string Agent(string clusterId) => $"{AgentPrefix}.{Checked(clusterId)}";

    /// <summary>The queue group shared by all replicas of one cluster's agent.</summary>
    public static string AgentQueueGroup(string clusterId) => $"mesh-agent-{Checked(clusterId)}";

    /// <summary>Where the cluster grain announces that an authorization decision may have changed.</summary>
    public static string AccessChanged(string clusterId) => $"{AccessEventsPrefix}.{Checked(clusterId)}";

    /// <summary>The cluster id of an access-changed subject, or null when the subject is not one.</summary>
    public static string? ClusterOfAccessEvent(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var prefix = AccessEventsPrefix + ".";
        if (!subject.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var id = subject[prefix.Length..];
        return MeshIdentifiers.IsValid(id) ? id : null;
    }

    private static string Checked(string id) =>
        MeshIdentifiers.IsValid(id)
            ? id
            : throw new ArgumentException($"'{id}' cannot be used in a NATS subject: only [a-z0-9-], at most {MeshIdentifiers.MaxLength} characters.", nameof(id));
}
