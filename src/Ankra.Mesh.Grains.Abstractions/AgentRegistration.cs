namespace Ankra.Mesh.Grains;

/// <summary>The session a cluster grain issued to an agent replica.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.AgentRegistration")]
public sealed class AgentRegistration
{
    /// <summary>The new session id.</summary>
    [Id(0)] public string SessionId { get; init; } = string.Empty;

    /// <summary>Subject prefix the agent serves (<see cref="Ankra.Mesh.Contracts.Subjects.MeshSubjects.ClusterPrefix"/>).</summary>
    [Id(1)] public string Subject { get; init; } = string.Empty;

    /// <summary>Queue group shared by the cluster's replicas.</summary>
    [Id(2)] public string QueueGroup { get; init; } = string.Empty;

    /// <summary>Check-in period.</summary>
    [Id(3)] public TimeSpan CheckInInterval { get; init; }
}
