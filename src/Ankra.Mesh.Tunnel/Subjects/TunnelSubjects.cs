namespace Ankra.Mesh.Tunnel.Subjects;

/// <summary>
/// Builds and validates the NATS subjects of the tunnel. Layout (every token <c>[a-z0-9-]</c>, at most
/// <see cref="MaxTokenLength"/> characters, so nobody can inject <c>.</c>, <c>*</c> or <c>&gt;</c>):
/// <code>
/// {root}.c.{cluster}.open               OpenStream requests, queue group shared by all replicas
/// {root}.c.{cluster}.s.{session}.open   OpenStream requests addressed to one agent session
/// {root}.c.{cluster}.s.{session}.in     frames edge → agent session
/// {root}.c.{cluster}.e.{edge}           frames agent → edge (an edge subscribes {root}.c.*.e.{edge})
/// {subject}.b                           the bulk lane of a frame subject (long transfers, own connection)
/// </code>
/// An agent confined by NATS permissions to publish and subscribe <c>{root}.c.{cluster}.&gt;</c>
/// (plus <c>allow_responses</c> for the open replies) reaches nothing of another cluster.
/// </summary>
public static class TunnelSubjects
{
    /// <summary>Longest identifier accepted in a subject token.</summary>
    public const int MaxTokenLength = 64;

    /// <summary>True when <paramref name="value"/> is 1–64 characters of <c>[a-z0-9-]</c>.</summary>
    public static bool IsValidToken(string? value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxTokenLength)
        {
            return false;
        }

        foreach (var c in value)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Returns <paramref name="value"/> or throws <see cref="ArgumentException"/> naming <paramref name="what"/>.</summary>
    public static string Validate(string? value, string what) =>
        IsValidToken(value)
            ? value!
            : throw new ArgumentException($"{what} '{value}' must be 1-{MaxTokenLength} characters of [a-z0-9-].", what);

    /// <summary>The prefix every subject of one cluster starts with: <c>{root}.c.{cluster}</c>.</summary>
    public static string ClusterPrefix(string root, string clusterId) =>
        $"{Validate(root, "subject root")}.c.{Validate(clusterId, "cluster id")}";

    /// <summary>The subject all replicas of a cluster serve through one queue group.</summary>
    public static string SharedOpen(string clusterPrefix) => $"{clusterPrefix}.open";

    /// <summary>The open subject of one agent session.</summary>
    public static string SessionOpen(string clusterPrefix, string sessionId) =>
        $"{clusterPrefix}.s.{Validate(sessionId, "session id")}.open";

    /// <summary>The subject an agent session receives stream frames on.</summary>
    public static string SessionInbound(string clusterPrefix, string sessionId) =>
        $"{clusterPrefix}.s.{Validate(sessionId, "session id")}.in";

    /// <summary>
    /// True when <paramref name="subject"/> is a session inbound subject of the cluster with
    /// <paramref name="clusterPrefix"/>: an agent can only steer the edge's frames into its own cluster.
    /// </summary>
    public static bool IsSessionInbound(string clusterPrefix, string subject)
    {
        ArgumentNullException.ThrowIfNull(clusterPrefix);
        ArgumentNullException.ThrowIfNull(subject);
        var head = clusterPrefix + ".s.";
        return subject.StartsWith(head, StringComparison.Ordinal)
            && subject.EndsWith(".in", StringComparison.Ordinal)
            && subject.Length > head.Length + 3
            && IsValidToken(subject[head.Length..^3]);
    }

    /// <summary>The subject an edge receives the frames of one cluster's streams on.</summary>
    public static string EdgeInbound(string clusterPrefix, string edgeId) => $"{clusterPrefix}.e.{Validate(edgeId, "edge id")}";

    /// <summary>The wildcard an edge subscribes to receive frames of every cluster.</summary>
    public static string EdgeInboundWildcard(string root, string edgeId) =>
        $"{Validate(root, "subject root")}.c.*.e.{Validate(edgeId, "edge id")}";

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

    /// <summary>What <see cref="BulkLane"/> appends.</summary>
    public const string BulkLaneSuffix = ".b";

    /// <summary>Checks that a cluster prefix handed out by the control plane has the expected shape.</summary>
    public static string ValidatePrefix(string clusterPrefix)
    {
        ArgumentNullException.ThrowIfNull(clusterPrefix);
        var parts = clusterPrefix.Split('.');
        return parts.Length == 3 && IsValidToken(parts[0]) && parts[1] == "c" && IsValidToken(parts[2])
            ? clusterPrefix
            : throw new ArgumentException($"subject prefix '{clusterPrefix}' must look like '{{root}}.c.{{cluster}}'.", nameof(clusterPrefix));
    }

    /// <summary>A new random lowercase hex id (128 bits), unguessable by other clusters' agents.</summary>
    public static string NewId() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
}
