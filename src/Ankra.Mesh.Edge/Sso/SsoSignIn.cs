using System.Security.Claims;
using Ankra.Mesh.Grains;
using Microsoft.AspNetCore.Authentication;

namespace Ankra.Mesh.Edge.Sso;

/// <summary>
/// Turns what the IdP says into our session. Only a verified email counts: an IdP where anyone can type any
/// address must not make them a member who was invited under it. The session keeps just the email; membership
/// comes from our own member list on every request, so an invited email is that member from the first sign-in.
/// </summary>
internal sealed class SsoSignIn(IGrainFactory grains, ILogger<SsoSignIn> logger)
{
    public async Task OnTicketReceivedAsync(TicketReceivedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var principal = context.Principal;
        var email = principal?.FindFirst(PortalSession.EmailClaim)?.Value?.Trim().ToLowerInvariant();
        var verified = principal?.FindFirst("email_verified")?.Value;
        if (string.IsNullOrEmpty(email) || !string.Equals(verified, "true", StringComparison.OrdinalIgnoreCase))
        {
            EdgeLog.SsoRefusedUnverifiedEmail(logger, email ?? "(none)");
            context.Response.Redirect("/portal/signin?error=unverified");
            context.HandleResponse();
            return;
        }

        // The user record exists from the first sign-in on (an uninvited person sees "not a member" and can be
        // invited later); an invited one already has it, with their memberships.
        await grains.GetGrain<IUserDirectoryGrain>(email).GetOrCreateUserIdAsync();
        var identity = new ClaimsIdentity(PortalSession.CookieScheme, PortalSession.EmailClaim, null);
        identity.AddClaim(new Claim(PortalSession.EmailClaim, email));
        identity.AddClaim(new Claim(PortalSession.NameClaim, principal?.FindFirst("name")?.Value ?? email));
        context.Principal = new ClaimsPrincipal(identity);
        EdgeLog.SsoSignedIn(logger, email);
    }

    public Task OnRemoteFailureAsync(RemoteFailureContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        EdgeLog.SsoFailed(logger, context.Failure);
        context.Response.Redirect("/portal/signin?error=failed");
        context.HandleResponse();
        return Task.CompletedTask;
    }
}
