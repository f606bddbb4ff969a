namespace Ankra.Mesh.Grains;

/// <summary>An agent's reconcile result for one grant.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.GrantReport")]
public sealed class GrantReport
{
    /// <summary>The grant id.</summary>
    [Id(0)] public string GrantId { get; init; } = string.Empty;

    /// <summary>True when applied; false when failed.</summary>
    [Id(1)] public bool Applied { get; init; }

    /// <summary>The API server's error when failed.</summary>
    [Id(2)] public string? Error { get; init; }

    /// <summary>When the agent acted.</summary>
    [Id(3)] public DateTimeOffset ReconciledAt { get; init; }

    /// <summary>
    /// The desired-grants version the agent reconciled (<c>grants_version</c> of its report): a report older than a
    /// grant's last role change describes the old binding and is not taken as that grant's status.
    /// </summary>
    [Id(4)] public long GrantsVersion { get; init; }
}
