namespace Ankra.Mesh.Grains;

/// <summary>The grant set an agent must reconcile, and its version.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.DesiredGrants")]
public sealed class DesiredGrants
{
    /// <summary>Increases on every change of the set.</summary>
    [Id(0)] public long Version { get; init; }

    /// <summary>The complete set.</summary>
    [Id(1)] public IReadOnlyList<GrantInfo> Grants { get; init; } = [];
}
