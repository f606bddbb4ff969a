namespace Ankra.Mesh.Grains;

/// <summary>One agent replica's current session.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.AgentSessionInfo")]
public sealed class AgentSessionInfo
{
    /// <summary>Session id issued at registration.</summary>
    [Id(0)] public string SessionId { get; init; } = string.Empty;

    /// <summary>Replica id (pod name).</summary>
    [Id(1)] public string ReplicaId { get; init; } = string.Empty;

    /// <summary>When the session was issued.</summary>
    [Id(2)] public DateTimeOffset ConnectedAt { get; init; }

    /// <summary>Last check-in of this session.</summary>
    [Id(3)] public DateTimeOffset LastCheckInAt { get; init; }

    /// <summary>Agent build version.</summary>
    [Id(4)] public string AgentVersion { get; init; } = string.Empty;

    /// <summary>Streams the replica reported serving at its last check-in.</summary>
    [Id(5)] public uint OpenStreams { get; init; }

    /// <summary>Public nkey of the session's NATS user key pair (empty when no NATS credential was issued).</summary>
    [Id(6)] public string NatsPublicKey { get; init; } = string.Empty;
}
