namespace Ankra.Mesh.Grains;

/// <summary>Persisted state of <see cref="OrganisationGrain"/>.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.OrganisationState")]
internal sealed class OrganisationState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public string Name { get; set; } = string.Empty;

    [Id(2)] public DateTimeOffset CreatedAt { get; set; }

    [Id(3)] public Dictionary<string, MemberInfo> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(4)] public List<string> ClusterIds { get; set; } = [];
}
