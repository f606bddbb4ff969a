using Ankra.Mesh.Edge.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>Ends the portal session (POST only, with antiforgery: a link elsewhere cannot sign you out).</summary>
internal sealed class SignOutModel : PortalPageModel
{
    public IActionResult OnGet() => Redirect("/portal");

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(PortalSession.CookieScheme);
        Response.Cookies.Delete(PortalSession.OrganisationCookieName);
        return Redirect("/portal");
    }
}
