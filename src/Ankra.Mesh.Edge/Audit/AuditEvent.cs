namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// One kubectl request through this gateway, as the audit keeps it (JSON field names are snake_case in the API).
/// Exec and attach sessions are one event too: <see cref="Time"/> is their start, <see cref="EndedAt"/> their end,
/// <see cref="Command"/> the command from the query and <see cref="ExitCode"/> what the API server reported on the
/// error channel; the bytes typed or printed are never recorded, only counted.
/// </summary>
internal sealed record AuditEvent
{
    /// <summary>Store-assigned, increasing id (0 until stored).</summary>
    public long Id { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required DateTimeOffset EndedAt { get; init; }

    public string? OrganisationId { get; init; }

    public required string ClusterId { get; init; }

    /// <summary>Null when the request carried no valid kube token.</summary>
    public string? UserId { get; init; }

    public string? UserEmail { get; init; }

    public string? GrantId { get; init; }

    public string? GrantRole { get; init; }

    public required string Verb { get; init; }

    public string ApiGroup { get; init; } = "";

    public string ApiVersion { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Subresource { get; init; } = "";

    public string Name { get; init; } = "";

    /// <summary>The path and query as the API server saw it (cut at <see cref="AuditEventLimits.MaxPathLength"/>).</summary>
    public required string Path { get; init; }

    public string? UserAgent { get; init; }

    public string? SourceAddress { get; init; }

    public required int StatusCode { get; init; }

    /// <summary>Request body bytes (for exec/attach/port-forward: bytes from the client after the upgrade).</summary>
    public long BytesIn { get; init; }

    /// <summary>Response body bytes (for exec/attach/port-forward: bytes to the client after the upgrade).</summary>
    public long BytesOut { get; init; }

    public double DurationMs { get; init; }

    /// <summary>The id the agent stamps into the cluster's audit log as <c>Impersonate-Extra-ankra-request-id</c>.</summary>
    public required string RequestId { get; init; }

    /// <summary>The command of an exec (its <c>command=</c> query parameters), null otherwise.</summary>
    public IReadOnlyList<string>? Command { get; init; }

    /// <summary>The exit code an exec reported (WebSocket channel protocols only), null when unknown.</summary>
    public int? ExitCode { get; init; }
}
