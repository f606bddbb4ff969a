using System.Security.Claims;
using Ankra.Mesh.Edge.Api;
using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Grains;

namespace Ankra.Mesh.Edge.Sso;

/// <summary>
/// Turns a portal session into the same <see cref="Caller"/> an API token gives, so every rule (organisation
/// scope, admin-only, 404 for other organisations' clusters) is the one the token API already applies.
/// </summary>
internal sealed class SessionCallerResolver(IGrainFactory grains)
{
    /// <param name="principal">The cookie session's principal.</param>
    /// <param name="organisationHeader">An explicit choice (<c>X-Ankra-Organisation-Id</c>): refused when not the user's.</param>
    /// <param name="organisationCookie">The organisation switcher's choice: ignored when no longer the user's.</param>
    public async Task<ApiOutcome<Caller>> ResolveAsync(ClaimsPrincipal principal, string? organisationHeader, string? organisationCookie)
    {
        ArgumentNullException.ThrowIfNull(principal);
        var email = principal.Identity?.IsAuthenticated == true ? principal.FindFirst(PortalSession.EmailClaim)?.Value : null;
        if (string.IsNullOrEmpty(email))
        {
            return ApiFailure.Unauthorized("Not signed in: sign in at /portal first");
        }

        var userId = await grains.GetGrain<IUserDirectoryGrain>(email).FindUserIdAsync();
        var user = userId is null ? null : await grains.GetGrain<IUserGrain>(userId).GetAsync();
        // A session names the email it signed in with: once the member's email changed, it is no longer theirs.
        if (user is null || !string.Equals(user.Email, email, StringComparison.Ordinal))
        {
            return ApiFailure.Unauthorized("Your session is no longer valid: sign in at /portal again");
        }

        string? organisationId;
        if (!string.IsNullOrEmpty(organisationHeader))
        {
            if (!MeshIdentifiers.IsValid(organisationHeader) || !user.OrganisationIds.Contains(organisationHeader))
            {
                return ApiFailure.Forbidden($"You are not a member of organisation {organisationHeader}");
            }

            organisationId = organisationHeader;
        }
        else
        {
            organisationId = organisationCookie is not null && user.OrganisationIds.Contains(organisationCookie)
                ? organisationCookie
                : user.OrganisationIds.FirstOrDefault();
        }

        var member = organisationId is null ? null : await grains.GetGrain<IOrganisationGrain>(organisationId).GetMemberAsync(user.Id);
        return new Caller(user, TokenId: string.Empty, member is null ? null : organisationId, member?.Role);
    }
}
