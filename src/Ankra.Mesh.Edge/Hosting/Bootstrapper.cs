using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Hosting;

/// <summary>
/// Creates (idempotently) the first organisation and admin, and gives the admin exactly one bootstrap API
/// token: the one the caller already holds while it is valid, otherwise a new one, with every other live
/// token of that admin named <see cref="TokenName"/> revoked. Restarts therefore never pile up year-long
/// admin tokens (they did: one per edge start).
/// </summary>
internal sealed class Bootstrapper(IGrainFactory grains, ApiTokenService tokens, TimeProvider time)
{
    /// <summary>Name of the token bootstrap issues; reserved: other live admin tokens with it are revoked.</summary>
    public const string TokenName = "bootstrap";

    private const int LifetimeDays = 365;

    // A restart near the end of the token's life rotates it instead of handing out one that dies days later.
    private static readonly TimeSpan MinimumRemainingLifetime = TimeSpan.FromDays(30);

    /// <param name="organisation">Organisation name.</param>
    /// <param name="adminEmail">The admin's email.</param>
    /// <param name="currentToken">The token from a previous run (the token file's content), or null.</param>
    public async Task<ApiOutcome<BootstrapResult>> RunAsync(string? organisation, string? adminEmail, string? currentToken = null)
    {
        if (string.IsNullOrWhiteSpace(organisation) || organisation.Length > 100)
        {
            return ApiFailure.BadRequest("--org (Mesh:Bootstrap:Organisation) must be a name of 1-100 characters");
        }

        var email = InputRules.Email(adminEmail, "--admin-email (Mesh:Bootstrap:AdminEmail)");
        if (email.Failure is not null)
        {
            return email.Failure;
        }

        var organisationId = await grains.GetGrain<IBootstrapGrain>(organisation.Trim()).EnsureOrganisationAsync(email.Value!);
        var userId = await grains.GetGrain<IUserDirectoryGrain>(email.Value!).GetOrCreateUserIdAsync();
        var (tokenId, token) = await ReusableAsync(userId, currentToken) is { } reusable
            ? (reusable, currentToken!)
            : await CreateAsync(userId);
        var revoked = await RevokeOtherBootstrapTokensAsync(userId, keep: tokenId);
        return new BootstrapResult(organisationId, token, Reused: token == currentToken, revoked);
    }

    /// <summary>Writes the token readable by the owner only.</summary>
    public static async Task WriteTokenFileAsync(string path, string token, CancellationToken cancellationToken = default)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var file = new FileStream(path, options))
        await using (var writer = new StreamWriter(file))
        {
            await writer.WriteLineAsync(token.AsMemory(), cancellationToken);
        }

        if (!OperatingSystem.IsWindows())
        {
            // UnixCreateMode applies only to new files; an existing file is narrowed explicitly.
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>The token a previous run wrote, or null when the file is missing or empty.</summary>
    public static async Task<string?> ReadTokenFileAsync(string path, CancellationToken cancellationToken = default) =>
        File.Exists(path) && (await File.ReadAllTextAsync(path, cancellationToken)).Trim() is { Length: > 0 } token ? token : null;

    // The id of currentToken when it is a live bootstrap token of this admin with a useful life left.
    private async Task<string?> ReusableAsync(string userId, string? currentToken)
    {
        if (currentToken is null)
        {
            return null;
        }

        var validated = await tokens.ValidateAsync(currentToken);
        if (validated.Failure is not null || validated.Value.UserId != userId)
        {
            return null;
        }

        var info = await grains.GetGrain<IApiTokenGrain>(validated.Value.TokenId).GetAsync();
        return info is { Name: TokenName } && info.ExpiresAt - time.GetUtcNow() >= MinimumRemainingLifetime ? info.Id : null;
    }

    private async Task<(string TokenId, string Token)> CreateAsync(string userId)
    {
        var (info, token) = await tokens.CreateAsync(userId, TokenName, LifetimeDays);
        return (info.Id, token);
    }

    private async Task<int> RevokeOtherBootstrapTokensAsync(string userId, string keep)
    {
        var user = await grains.GetGrain<IUserGrain>(userId).GetAsync();
        var revoked = 0;
        foreach (var id in user?.TokenIds ?? [])
        {
            var grain = grains.GetGrain<IApiTokenGrain>(id);
            if (id != keep && await grain.GetAsync() is { Name: TokenName } && await grain.RevokeAsync(userId))
            {
                revoked++;
            }
        }

        return revoked;
    }
}
