using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Auth;

/// <summary>Turns an Authorization header and an optional organisation choice into a <see cref="Caller"/>.</summary>
internal sealed class CallerResolver(IGrainFactory grains, ApiTokenService tokens)
{
    /// <summary>Header that selects the organisation per request.</summary>
    public const string OrganisationHeader = "X-Ankra-Organisation-Id";

    public async Task<ApiOutcome<Caller>> ResolveAsync(string? authorization, string? organisationId)
    {
        var token = await tokens.ValidateAsync(BearerToken.From(authorization));
        if (token.Failure is not null)
        {
            return token.Failure;
        }

        var (userId, tokenId) = token.Value;
        var user = await grains.GetGrain<IUserGrain>(userId).GetAsync();
        if (user is null)
        {
            return ApiFailure.Unauthorized("Invalid API token");
        }

        if (string.IsNullOrEmpty(organisationId))
        {
            organisationId = user.OrganisationIds.FirstOrDefault();
        }
        else if (!MeshIdentifiers.IsValid(organisationId) || !user.OrganisationIds.Contains(organisationId))
        {
            return ApiFailure.Forbidden($"You are not a member of organisation {organisationId}");
        }

        var member = organisationId is null ? null : await grains.GetGrain<IOrganisationGrain>(organisationId).GetMemberAsync(userId);
        return new Caller(user, tokenId, member is null ? null : organisationId, member?.Role);
    }
}
