using Ankra.Mesh.Contracts.Subjects;

namespace Ankra.Mesh.Tunnel.Agent;

/// <summary>What the control plane assigned to this agent at registration, plus where the API server is.</summary>
public sealed record TunnelAgentSettings
{
    private readonly string? _inboundId;

    /// <summary>Creates settings; identifiers are validated as subject tokens.</summary>
    /// <param name="subjectPrefix">The cluster's subject prefix, <c>mesh.c.{cluster}</c> (see <see cref="MeshSubjects"/>).</param>
    /// <param name="queueGroup">The queue group all replicas of the cluster join for new streams.</param>
    /// <param name="sessionId">This agent session's id, issued by the cluster grain.</param>
    /// <param name="upstreamBaseAddress">The API server, e.g. <c>https://kubernetes.default.svc</c>.</param>
    public TunnelAgentSettings(string subjectPrefix, string queueGroup, string sessionId, Uri upstreamBaseAddress)
    {
        ArgumentNullException.ThrowIfNull(upstreamBaseAddress);
        SubjectPrefix = MeshSubjects.ValidatePrefix(subjectPrefix);
        QueueGroup = SubjectToken.Validate(queueGroup, "queue group");
        SessionId = SubjectToken.Validate(sessionId, "session id");
        UpstreamBaseAddress = upstreamBaseAddress.IsAbsoluteUri
            ? upstreamBaseAddress
            : throw new ArgumentException("the upstream base address must be absolute", nameof(upstreamBaseAddress));
    }

    /// <summary>The cluster's subject prefix.</summary>
    public string SubjectPrefix { get; }

    /// <summary>The shared queue group of the cluster's replicas.</summary>
    public string QueueGroup { get; }

    /// <summary>This session's id.</summary>
    public string SessionId { get; }

    /// <summary>The API server base address requests are sent to.</summary>
    public Uri UpstreamBaseAddress { get; }

    /// <summary>
    /// The token of this server's inbound frame subject (<c>.s.{InboundId}.in</c>); default: the session id.
    /// Give each server of one session its own (e.g. a new NATS connection after a credential renewal), so
    /// every stream's frames reach exactly one connection.
    /// </summary>
    public string? InboundId
    {
        get => _inboundId;
        init => _inboundId = value is null ? null : SubjectToken.Validate(value, "inbound id");
    }

    /// <summary>The subject edges send this server's stream frames to.</summary>
    public string InboundSubject => MeshSubjects.SessionInbound(SubjectPrefix, _inboundId ?? SessionId);

    /// <summary>This replica's name in logs and in StreamAccepted; defaults to the machine name.</summary>
    public string ReplicaId { get; init; } = Environment.MachineName;
}
