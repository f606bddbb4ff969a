using Ankra.Mesh.Contracts.Subjects;

namespace Ankra.Mesh.Tunnel.Edge;

/// <summary>
/// Where one proxied request goes: the cluster, and optionally one agent session of it. Without a
/// session the request goes to the cluster's shared open subject and any connected replica (NATS queue
/// group) takes it; with one it goes to that session only, and an agent whose session was superseded
/// refuses it (<see cref="TunnelFailure.StaleSession"/>).
/// </summary>
public sealed record TunnelTarget
{
    /// <summary>Creates a target; both ids must be <c>[a-z0-9-]</c>, at most 64 characters.</summary>
    public TunnelTarget(string clusterId, string? sessionId = null)
    {
        ClusterId = SubjectToken.Validate(clusterId, "cluster id");
        SessionId = sessionId is null ? null : SubjectToken.Validate(sessionId, "session id");
    }

    /// <summary>The cluster id (a subject token).</summary>
    public string ClusterId { get; }

    /// <summary>The agent session id the grain issued, or null for any replica of the cluster.</summary>
    public string? SessionId { get; }

    /// <summary>
    /// The cluster's live sessions as the control plane knows them (may be a few seconds stale): where an
    /// idempotent request goes by name when the shared open went unanswered, and where every request goes
    /// while a session is suspected dead. Empty: only the shared open subject is used.
    /// </summary>
    public IReadOnlyList<string> Sessions
    {
        get => _sessions;
        init => _sessions = [.. value.Where(SubjectToken.IsValid)];
    }

    private readonly IReadOnlyList<string> _sessions = [];
}
