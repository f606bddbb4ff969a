namespace Ankra.Mesh.Agent.Registration;

/// <summary>What the control plane assigned to this replica at registration.</summary>
internal sealed record AgentSession(
    string ClusterId,
    string SessionId,
    string NatsSubject,
    string NatsQueueGroup,
    IReadOnlyList<string> NatsUrls,
    TimeSpan CheckInInterval);
