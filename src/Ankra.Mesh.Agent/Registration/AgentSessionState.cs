namespace Ankra.Mesh.Agent.Registration;

/// <summary>
/// The current session, shared by the registration loop (which writes it) and the parts that serve
/// traffic and report readiness (which read it and react to changes).
/// </summary>
internal sealed class AgentSessionState
{
    private AgentSession? _current;

    /// <summary>Raised after the session changes (a new registration, or null when it ended).</summary>
    public event Action<AgentSession?>? Changed;

    public AgentSession? Current => Volatile.Read(ref _current);

    public DateTimeOffset? LastCheckIn { get; private set; }

    public void Set(AgentSession? session)
    {
        Volatile.Write(ref _current, session);
        Changed?.Invoke(session);
    }

    public void RecordCheckIn(DateTimeOffset at) => LastCheckIn = at;
}
