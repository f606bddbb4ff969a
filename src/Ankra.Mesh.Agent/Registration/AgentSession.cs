namespace Ankra.Mesh.Agent.Registration;

/// <summary>What the control plane assigned to this replica at registration (the credential changes at renewal).</summary>
internal sealed record AgentSession(
    string ClusterId,
    string SessionId,
    string NatsSubject,
    string NatsQueueGroup,
    IReadOnlyList<string> NatsUrls,
    TimeSpan CheckInInterval,
    AgentNatsCredential? NatsCredential);
