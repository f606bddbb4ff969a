using Orleans.Concurrency;

namespace Ankra.Mesh.Grains;

/// <summary>Email → user id (key: the lower-case email).</summary>
[Alias("ankra.mesh.IUserDirectoryGrain")]
public interface IUserDirectoryGrain : IGrainWithStringKey
{
    /// <summary>The user id for this email, creating the user when new.</summary>
    [Alias("GetOrCreate")]
    Task<string> GetOrCreateUserIdAsync();

    /// <summary>The user id for this email, or null.</summary>
    [Alias("Find")]
    [ReadOnly]
    Task<string?> FindUserIdAsync();
}
