namespace Ankra.Mesh.Edge.Audit;

/// <summary>The gateway audit (<c>Mesh:Audit</c>).</summary>
public sealed class AuditOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Audit";

    /// <summary>
    /// Npgsql connection string of the audit database; empty keeps a bounded in-memory audit that a restart loses
    /// (the embedded one-machine mode), and the edge says so at start.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Most events written in one round trip.</summary>
    public int BatchSize { get; set; } = 256;

    /// <summary>How long an event may wait for a fuller batch before it is written.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Events waiting to be written; when full (a slow or absent database), new events are dropped and counted.</summary>
    public int BufferCapacity { get; set; } = 10_000;

    /// <summary>How long events are kept; older rows are deleted every <see cref="RetentionSweepInterval"/>.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often rows older than <see cref="Retention"/> are deleted.</summary>
    public TimeSpan RetentionSweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Events the in-memory audit keeps (without a database), oldest dropped first.</summary>
    public int InMemoryCapacity { get; set; } = 10_000;

    internal bool Durable => !string.IsNullOrWhiteSpace(ConnectionString);
}
