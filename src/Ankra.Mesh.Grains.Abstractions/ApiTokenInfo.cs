namespace Ankra.Mesh.Grains;

/// <summary>An API token's metadata (never its secret); names map to the REST token fields.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.ApiTokenInfo")]
public sealed class ApiTokenInfo
{
    /// <summary>Token id.</summary>
    [Id(0)] public string Id { get; init; } = string.Empty;

    /// <summary>Name the user gave it.</summary>
    [Id(1)] public string Name { get; init; } = string.Empty;

    /// <summary>Creation time.</summary>
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Expiry.</summary>
    [Id(3)] public DateTimeOffset ExpiresAt { get; init; }

    /// <summary>Last successful use (minute resolution).</summary>
    [Id(4)] public DateTimeOffset? LastUsedAt { get; init; }

    /// <summary>Owner.</summary>
    [Id(5)] public string UserId { get; init; } = string.Empty;
}
