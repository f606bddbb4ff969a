namespace Ankra.Mesh.Grains;

/// <summary>Persisted state of <see cref="BootstrapGrain"/>.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.BootstrapState")]
internal sealed class BootstrapState
{
    [Id(0)] public string? OrganisationId { get; set; }
}
