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

    /// <summary>
    /// Points this email at <paramref name="userId"/> (an email change); false when it already belongs to another user.
    /// </summary>
    [Alias("Claim")]
    Task<bool> ClaimAsync(string userId);

    /// <summary>Forgets this email when it points at <paramref name="userId"/> (the user's email changed away from it).</summary>
    [Alias("Release")]
    Task ReleaseAsync(string userId);
}
