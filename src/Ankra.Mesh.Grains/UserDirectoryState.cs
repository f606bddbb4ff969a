namespace Ankra.Mesh.Grains;

/// <summary>Persisted state of <see cref="UserDirectoryGrain"/>.</summary>
[GenerateSerializer]
[Alias("ankra.mesh.UserDirectoryState")]
internal sealed class UserDirectoryState
{
    [Id(0)] public string? UserId { get; set; }
}
