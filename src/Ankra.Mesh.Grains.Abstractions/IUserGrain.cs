using Orleans.Concurrency;

namespace Ankra.Mesh.Grains;

/// <summary>
/// A user (key: user id): email, organisation memberships, API token index, and the mint rate
/// limiter. One activation per user cluster-wide, so the limit holds across every edge.
/// </summary>
[Alias("ankra.mesh.IUserGrain")]
public interface IUserGrain : IGrainWithStringKey
{
    /// <summary>Creates the user when new; returns it.</summary>
    [Alias("Ensure")]
    Task<UserInfo> EnsureAsync(string email);

    /// <summary>The user, or null.</summary>
    [Alias("Get")]
    [ReadOnly]
    Task<UserInfo?> GetAsync();

    /// <summary>Sets the user's email (the caller claimed it in the directory first); returns the previous one.</summary>
    [Alias("ChangeEmail")]
    Task<string> ChangeEmailAsync(string email);

    /// <summary>Records a membership.</summary>
    [Alias("JoinOrganisation")]
    Task JoinOrganisationAsync(string organisationId);

    /// <summary>Forgets a membership.</summary>
    [Alias("LeaveOrganisation")]
    Task LeaveOrganisationAsync(string organisationId);

    /// <summary>Indexes an API token.</summary>
    [Alias("AddToken")]
    Task AddTokenAsync(string tokenId);

    /// <summary>Drops an API token from the index.</summary>
    [Alias("RemoveToken")]
    Task RemoveTokenAsync(string tokenId);

    /// <summary>Takes one mint from the user's budget, or says when the next one is allowed.</summary>
    [Alias("TryAcquireMint")]
    Task<MintPermit> TryAcquireMintAsync();
}
