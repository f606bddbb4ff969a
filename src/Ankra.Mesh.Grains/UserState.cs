namespace Ankra.Mesh.Grains;

/// <summary>Persisted state of <see cref="UserGrain"/>.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.UserState")]
internal sealed class UserState
{
    [Id(0)] public bool Exists { get; set; }

    [Id(1)] public string Email { get; set; } = string.Empty;

    [Id(2)] public List<string> OrganisationIds { get; set; } = [];

    [Id(3)] public List<string> TokenIds { get; set; } = [];
}
