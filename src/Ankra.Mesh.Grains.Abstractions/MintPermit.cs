namespace Ankra.Mesh.Grains;

/// <summary>Answer of the per-user mint rate limiter.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.MintPermit")]
public sealed class MintPermit
{
    /// <summary>True when the mint may proceed.</summary>
    [Id(0)] public bool Granted { get; init; }

    /// <summary>When refused: how long until the next mint is allowed.</summary>
    [Id(1)] public TimeSpan RetryAfter { get; init; }
}
