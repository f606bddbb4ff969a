using Ankra.Mesh.Edge.Sso;
using Microsoft.AspNetCore.Mvc;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>The organisation switcher: remembers the choice in a cookie (only organisations the user belongs to count).</summary>
internal sealed class OrganisationModel : PortalPageModel
{
    public IActionResult OnGet() => Redirect("/portal");

    public async Task<IActionResult> OnPostAsync(string? organisationId)
    {
        if (!await SignedInAsync())
        {
            return SignInFirst();
        }

        if (organisationId is null || !Caller!.User.OrganisationIds.Contains(organisationId))
        {
            return Refuse(StatusCodes.Status404NotFound, "Organisation not found", "You are not a member of that organisation.");
        }

        Response.Cookies.Append(PortalSession.OrganisationCookieName, organisationId, new CookieOptions
        {
            HttpOnly = true,
            Secure = true,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        });
        return Redirect("/portal");
    }
}
