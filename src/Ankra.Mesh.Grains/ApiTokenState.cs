namespace Ankra.Mesh.Grains;

/// <summary>Persisted state of <see cref="ApiTokenGrain"/>.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.ApiTokenState")]
internal sealed class ApiTokenState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public bool Revoked { get; set; }

    [Id(2)] public string UserId { get; set; } = string.Empty;

    [Id(3)] public string Name { get; set; } = string.Empty;

    [Id(4)] public string SecretHash { get; set; } = string.Empty;

    [Id(5)] public DateTimeOffset CreatedAt { get; set; }

    [Id(6)] public DateTimeOffset ExpiresAt { get; set; }

    [Id(7)] public DateTimeOffset? LastUsedAt { get; set; }
}
