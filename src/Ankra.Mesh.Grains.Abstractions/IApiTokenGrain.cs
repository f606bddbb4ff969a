using Orleans.Concurrency;

namespace Ankra.Mesh.Grains;

/// <summary>One API token (key: token id). Holds only the secret's hash.</summary>
[Alias("ankra.mesh.IApiTokenGrain")]
public interface IApiTokenGrain : IGrainWithStringKey
{
    /// <summary>Stores a new token; Conflict if the id is taken.</summary>
    [Alias("Create")]
    Task<Outcome<ApiTokenInfo>> CreateAsync(string userId, string name, string secretHash, DateTimeOffset expiresAt);

    /// <summary>The owner's user id when the hash matches and the token is live; Unauthenticated otherwise.</summary>
    [Alias("Validate")]
    Task<Outcome<string>> ValidateAsync(string secretHash);

    /// <summary>Metadata, or null when unknown or revoked.</summary>
    [Alias("Get")]
    [ReadOnly]
    Task<ApiTokenInfo?> GetAsync();

    /// <summary>Revokes the token; false when unknown, revoked or not owned by <paramref name="userId"/>.</summary>
    [Alias("Revoke")]
    Task<bool> RevokeAsync(string userId);
}
