namespace Ankra.Mesh.Demo.Chaos;

/// <summary>One fault the failover suite injects into the scaled-out stack under load, in the order it runs them.</summary>
public enum ChaosFault
{
    /// <summary>SIGKILL of the edge serving the watch (then started again on its ports).</summary>
    EdgeKilled,

    /// <summary>SIGKILL of a silo (then started again; it rejoins the membership).</summary>
    SiloKilled,

    /// <summary>SIGKILL of the NATS server the watch's agent replica is connected to (then started again).</summary>
    NatsServerKilled,

    /// <summary>SIGKILL of the agent replica serving the watch (then started again under its replica id).</summary>
    AgentReplicaKilled,

    /// <summary>PostgreSQL stopped (fast shutdown) and started again.</summary>
    PostgresRestarted,

    /// <summary>SIGSTOP of the edge serving the watch until HAProxy's health check takes it out, then SIGCONT.</summary>
    EdgeFrozen,
}
