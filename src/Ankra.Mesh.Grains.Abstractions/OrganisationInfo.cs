namespace Ankra.Mesh.Grains;

/// <summary>An organisation.</summary>
[GenerateSerializer]
[Immutable]
[Alias("ankra.mesh.OrganisationInfo")]
public sealed class OrganisationInfo
{
    /// <summary>Organisation id (uuid).</summary>
    [Id(0)] public string Id { get; init; } = string.Empty;

    /// <summary>Name.</summary>
    [Id(1)] public string Name { get; init; } = string.Empty;

    /// <summary>Creation time.</summary>
    [Id(2)] public DateTimeOffset CreatedAt { get; init; }
}
