namespace Ankra.Mesh.Grains;

/// <summary>
/// An access grant. Property names map 1:1 (snake_case) to the REST API's grant fields, so the edge
/// serialises this type directly.
/// </summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.GrantInfo")]
public sealed record GrantInfo
{
    /// <summary>Grant id (uuid); the agent names the binding after it.</summary>
    [Id(0)] public string Id { get; init; } = string.Empty;

    /// <summary>Organisation of the cluster.</summary>
    [Id(1)] public string OrganisationId { get; init; } = string.Empty;

    /// <summary>The cluster.</summary>
    [Id(2)] public string ClusterId { get; init; } = string.Empty;

    /// <summary>The granted user.</summary>
    [Id(3)] public string AnkraUserId { get; init; } = string.Empty;

    /// <summary>The granted user's email.</summary>
    [Id(4)] public string UserEmail { get; init; } = string.Empty;

    /// <summary><c>cluster</c> or <c>namespace</c>.</summary>
    [Id(5)] public string Scope { get; init; } = string.Empty;

    /// <summary>Namespace for namespace-scoped grants.</summary>
    [Id(6)] public string? Namespace { get; init; }

    /// <summary><c>view</c>, <c>edit</c>, <c>admin</c> or <c>cluster-admin</c>.</summary>
    [Id(7)] public string Role { get; init; } = string.Empty;

    /// <summary><c>pending</c>, <c>applied</c>, <c>failed</c> or <c>cluster_offline</c>.</summary>
    [Id(8)] public string ReconcileStatus { get; init; } = AccessVocabulary.StatusPending;

    /// <summary>The API server's error when failed.</summary>
    [Id(9)] public string? ReconcileError { get; init; }

    /// <summary>When the agent last acted on it.</summary>
    [Id(10)] public DateTimeOffset? ReconciledAt { get; init; }

    /// <summary>Creation time.</summary>
    [Id(11)] public DateTimeOffset CreatedAt { get; init; }
}
