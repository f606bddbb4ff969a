namespace Ankra.Mesh.Edge.Audit;

/// <summary>Where audit events are kept: PostgreSQL, or a bounded in-memory list without a database.</summary>
internal interface IAuditStore
{
    /// <summary>Creates what the store needs if it is missing (the table); safe to call again.</summary>
    Task EnsureReadyAsync(CancellationToken cancellationToken = default);

    /// <summary>Stores a batch at once (all or nothing).</summary>
    Task WriteAsync(IReadOnlyList<AuditEvent> batch, CancellationToken cancellationToken = default);

    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes events older than <paramref name="cutoff"/>; returns how many.</summary>
    Task<long> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken = default);
}
