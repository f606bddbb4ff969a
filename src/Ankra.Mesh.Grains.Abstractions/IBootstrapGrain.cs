namespace Ankra.Mesh.Grains;

/// <summary>
/// Bootstrap of a deployment (key: organisation name): creates the organisation and its first
/// admin once; later calls return the same ids, so bootstrapping is idempotent.
/// </summary>
[Alias("ankra.mesh.IBootstrapGrain")]
public interface IBootstrapGrain : IGrainWithStringKey
{
    /// <summary>The organisation id (created on first call) with <paramref name="adminEmail"/> as admin.</summary>
    [Alias("Ensure")]
    Task<string> EnsureOrganisationAsync(string adminEmail);
}
