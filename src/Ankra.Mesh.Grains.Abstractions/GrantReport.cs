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
}
