namespace Ankra.Mesh.Contracts.Subjects;

/// <summary>
/// The one definition of the NATS subject layout. The tunnel (edge and agent side), the agent's grant-change
/// subscription, the cluster grain (which hands agents their prefix and queue group), the NATS permissions and
/// the edge's access-event subscriber all build their subjects here, so they cannot drift apart. It lives in
/// Ankra.Mesh.Contracts because that is the one assembly every one of them already references (the wire
/// contract: protos and subjects); the root is a constant, not a setting, because agents, edges and silos of
/// one deployment must agree on it and the NATS permissions are issued for it.
/// <code>
/// mesh.c.{cluster}.open                 OpenStream requests, queue group mesh-agent-{cluster} of all replicas
/// mesh.c.{cluster}.s.{session}.open     OpenStream requests addressed to one agent session
/// mesh.c.{cluster}.s.{session}.in       frames edge → agent session
/// mesh.c.{cluster}.e.{edge}             frames agent → edge (an edge subscribes mesh.c.*.e.{edge})
/// mesh.c.{cluster}._INBOX               the agent's NATS client inbox
/// {frame subject}.b                     the bulk lane of a frame subject (long transfers, own connection)
/// mesh.events.access.{cluster}          access changed (silos publish; edges and the cluster's agents listen)
/// </code>
/// Every id placed in a subject passes <see cref="SubjectToken.Validate"/> first. An agent confined by NATS
/// permissions to <c>mesh.c.{cluster}.&gt;</c> (see <see cref="MeshSubjectWildcards"/>) reaches nothing of another cluster.
/// </summary>
public static class MeshSubjects
{
    /// <summary>First token of every subject. Not configurable: see the type's summary.</summary>
    public const string Root = "mesh";

    /// <summary>Prefix of the access-changed events (one subject per cluster).</summary>
    public const string AccessEventsPrefix = Root + ".events.access";

    /// <summary>What an edge subscribes to in order to hear about every cluster's access changes.</summary>
    public const string AllAccessEvents = AccessEventsPrefix + ".*";

    /// <summary>What <see cref="BulkLane"/> appends.</summary>
    public const string BulkLaneSuffix = ".b";

    internal const string ClusterToken = "c";
    internal const string SessionToken = "s";
    internal const string EdgeToken = "e";
    internal const string OpenLeaf = "open";
    internal const string InboundLeaf = "in";

    /// <summary>The prefix every subject of one cluster starts with: <c>mesh.c.{cluster}</c>.</summary>
    public static string ClusterPrefix(string clusterId) => Cluster(SubjectToken.Validate(clusterId, "cluster id"));

    /// <summary>The queue group shared by all replicas of one cluster's agent on <see cref="SharedOpen"/>.</summary>
    public static string AgentQueueGroup(string clusterId) => $"{Root}-agent-{SubjectToken.Validate(clusterId, "cluster id")}";

    /// <summary>The subject all replicas of a cluster serve through one queue group.</summary>
    public static string SharedOpen(string clusterPrefix) => $"{clusterPrefix}.{OpenLeaf}";

    /// <summary>The open subject of one agent session.</summary>
    public static string SessionOpen(string clusterPrefix, string sessionId) =>
        Session(clusterPrefix, SubjectToken.Validate(sessionId, "session id"), OpenLeaf);

    /// <summary>The subject an agent session receives stream frames on.</summary>
    public static string SessionInbound(string clusterPrefix, string sessionId) =>
        Session(clusterPrefix, SubjectToken.Validate(sessionId, "session id"), InboundLeaf);

    /// <summary>
    /// True when <paramref name="subject"/> is a session inbound subject of the cluster with
    /// <paramref name="clusterPrefix"/>: an agent can only steer the edge's frames into its own cluster.
    /// </summary>
    public static bool IsSessionInbound(string clusterPrefix, string subject)
    {
        ArgumentNullException.ThrowIfNull(clusterPrefix);
        ArgumentNullException.ThrowIfNull(subject);
        var head = $"{clusterPrefix}.{SessionToken}.";
        var tail = "." + InboundLeaf;
        return subject.StartsWith(head, StringComparison.Ordinal)
            && subject.EndsWith(tail, StringComparison.Ordinal)
            && subject.Length > head.Length + tail.Length
            && SubjectToken.IsValid(subject.AsSpan(head.Length, subject.Length - head.Length - tail.Length));
    }

    /// <summary>The subject an edge receives the frames of one cluster's streams on.</summary>
    public static string EdgeInbound(string clusterPrefix, string edgeId) => Edge(clusterPrefix, SubjectToken.Validate(edgeId, "edge id"));

    /// <summary>The wildcard an edge subscribes to receive frames of every cluster.</summary>
    public static string EdgeInboundWildcard(string edgeId) => Edge(Cluster("*"), SubjectToken.Validate(edgeId, "edge id"));

    /// <summary>The id of the edge an <see cref="EdgeInbound"/> subject of the cluster with <paramref name="clusterPrefix"/> names, or null.</summary>
    public static string? EdgeOf(string clusterPrefix, string subject)
    {
        ArgumentNullException.ThrowIfNull(clusterPrefix);
        ArgumentNullException.ThrowIfNull(subject);
        var head = $"{clusterPrefix}.{EdgeToken}.";
        return subject.StartsWith(head, StringComparison.Ordinal) && SubjectToken.IsValid(subject.AsSpan(head.Length))
            ? subject[head.Length..]
            : null;
    }

    /// <summary>The inbox prefix of an agent's NATS client: inside its own cluster's subjects, which its permissions allow.</summary>
    public static string AgentInbox(string clusterPrefix) => $"{ValidatePrefix(clusterPrefix)}._INBOX";

    /// <summary>The bulk lane of a frame subject: the same receiver, over each side's bulk connection.</summary>
    public static string BulkLane(string frameSubject) => frameSubject + BulkLaneSuffix;

    /// <summary>True when <paramref name="subject"/> is <paramref name="frameSubject"/> itself, or its bulk lane when <paramref name="bulkLane"/>.</summary>
    public static bool IsLaneOf(string subject, string frameSubject, bool bulkLane)
    {
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(frameSubject);
        return bulkLane
            ? subject.Length == frameSubject.Length + BulkLaneSuffix.Length && subject.StartsWith(frameSubject, StringComparison.Ordinal)
                && subject.EndsWith(BulkLaneSuffix, StringComparison.Ordinal)
            : string.Equals(subject, frameSubject, StringComparison.Ordinal);
    }

    /// <summary>
    /// Checks that a cluster prefix handed out by the control plane is <c>mesh.c.{cluster}</c>: an agent given any
    /// other root would serve subjects no edge opens on and its permissions do not allow.
    /// </summary>
    public static string ValidatePrefix(string clusterPrefix)
    {
        ArgumentNullException.ThrowIfNull(clusterPrefix);
        var head = Cluster(string.Empty);
        return clusterPrefix.StartsWith(head, StringComparison.Ordinal) && SubjectToken.IsValid(clusterPrefix.AsSpan(head.Length))
            ? clusterPrefix
            : throw new ArgumentException($"subject prefix '{clusterPrefix}' must look like '{head}{{cluster}}'.", nameof(clusterPrefix));
    }

    /// <summary>Where the cluster grain announces that an authorization decision may have changed.</summary>
    public static string AccessChanged(string clusterId) => $"{AccessEventsPrefix}.{SubjectToken.Validate(clusterId, "cluster id")}";

    /// <summary>The cluster id of an access-changed subject, or null when the subject is not one.</summary>
    public static string? ClusterOfAccessEvent(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        const string Prefix = AccessEventsPrefix + ".";
        return subject.StartsWith(Prefix, StringComparison.Ordinal) && SubjectToken.IsValid(subject.AsSpan(Prefix.Length))
            ? subject[Prefix.Length..]
            : null;
    }

    // The raw shapes, unchecked: the public builders validate ids first, MeshSubjectWildcards puts '*' in.
    internal static string Cluster(string token) => $"{Root}.{ClusterToken}.{token}";

    internal static string Session(string clusterPrefix, string token, string leaf) => $"{clusterPrefix}.{SessionToken}.{token}.{leaf}";

    internal static string Edge(string clusterPrefix, string token) => $"{clusterPrefix}.{EdgeToken}.{token}";
}
