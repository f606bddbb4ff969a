using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Auth;

/// <summary>Issues and checks API tokens (REST <c>/api/v1/tokens</c>, bootstrap, every authenticated call).</summary>
internal sealed class ApiTokenService(IGrainFactory grains, TimeProvider time)
{
    /// <summary>Creates a token; returns its metadata and the secret (shown once).</summary>
    public async Task<(ApiTokenInfo Info, string Token)> CreateAsync(string userId, string name, int expiresInDays)
    {
        var id = Guid.NewGuid().ToString("N");
        var secret = SecretHash.NewSecret();
        var outcome = await grains.GetGrain<IApiTokenGrain>(id)
            .CreateAsync(userId, name, SecretHash.Of(secret), time.GetUtcNow().AddDays(expiresInDays));
        return outcome.Succeeded
            ? (outcome.Value!, SecretToken.Create(SecretToken.ApiPrefix, id, secret))
            : throw new InvalidOperationException(outcome.Message);
    }

    /// <summary>The user and token id behind a bearer token, or a 401.</summary>
    public async Task<ApiOutcome<(string UserId, string TokenId)>> ValidateAsync(string? bearer)
    {
        if (bearer is null)
        {
            return ApiFailure.Unauthorized("Missing API token: send Authorization: Bearer <token> (run `ankra login`)");
        }

        if (!SecretToken.TryParse(SecretToken.ApiPrefix, bearer, out var id, out var hash))
        {
            return ApiFailure.Unauthorized("Malformed API token");
        }

        var outcome = await grains.GetGrain<IApiTokenGrain>(id).ValidateAsync(hash);
        return outcome.Succeeded ? (outcome.Value!, id) : ApiFailure.Unauthorized(outcome.Message);
    }
}
