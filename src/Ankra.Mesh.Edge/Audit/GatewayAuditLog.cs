namespace Ankra.Mesh.Edge.Audit;

/// <summary>Log lines of the gateway audit (event ids 3300–3399).</summary>
internal static partial class GatewayAuditLog
{
    [LoggerMessage(3300, LogLevel.Warning,
        "Gateway audit is NOT durable: no Mesh:Audit:ConnectionString is set, so audit events are kept in memory (the last {Capacity}) and lost on restart. Set it to a PostgreSQL database for a lasting audit.")]
    public static partial void NotDurable(ILogger logger, int capacity);

    [LoggerMessage(3301, LogLevel.Information, "Gateway audit writes to PostgreSQL (table {Table}), keeping events for {Retention}")]
    public static partial void Durable(ILogger logger, string table, TimeSpan retention);

    [LoggerMessage(3302, LogLevel.Warning,
        "Gateway audit buffer is full ({Capacity} events waiting): dropped {Dropped} event(s) since the last report; is the audit database slow or down?")]
    public static partial void EventsDropped(ILogger logger, int capacity, long dropped);

    [LoggerMessage(3303, LogLevel.Warning, "Writing {Count} gateway audit event(s) failed; retrying in {Delay} (kubectl is not slowed, new events queue up to the buffer's capacity)")]
    public static partial void WriteFailed(ILogger logger, int count, TimeSpan delay, Exception exception);

    [LoggerMessage(3304, LogLevel.Information, "Gateway audit database reachable again; wrote {Count} waiting event(s)")]
    public static partial void WriteRecovered(ILogger logger, int count);

    [LoggerMessage(3305, LogLevel.Information, "Gateway audit retention: deleted {Count} event(s) older than {Cutoff:u}")]
    public static partial void RetentionDeleted(ILogger logger, long count, DateTimeOffset cutoff);

    [LoggerMessage(3306, LogLevel.Warning, "Gateway audit retention sweep failed; retried at the next sweep")]
    public static partial void RetentionFailed(ILogger logger, Exception exception);

    [LoggerMessage(3307, LogLevel.Debug, "Could not resolve organisation, email or grant role for audit events of cluster {ClusterId}; stored without them")]
    public static partial void EnrichmentFailed(ILogger logger, string clusterId, Exception exception);

    [LoggerMessage(3308, LogLevel.Warning, "Gateway audit stopped with {Count} event(s) not yet written; they are lost")]
    public static partial void LostAtShutdown(ILogger logger, int count);
}
