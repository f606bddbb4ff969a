using Ankra.Mesh.Edge.Auth;
using Ankra.Mesh.Edge.Sso;
using Ankra.Mesh.Grains;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Portal;

/// <summary>
/// What every portal page starts with: who is signed in (as the same <see cref="Caller"/> the APIs use), the
/// organisation switcher's data, and the refusals a person can read (401 → sign in, 403 and 404 with why).
/// </summary>
public abstract class PortalPageModel : PageModel
{
    /// <summary>The signed-in caller, once <see cref="SignedInAsync"/> found one.</summary>
    internal Caller? Caller { get; private set; }

    /// <summary>Navigation data for the layout.</summary>
    public PortalNavigation Navigation { get; private set; } = PortalNavigation.SignedOut;

    /// <summary>A refusal to show instead of the page (403 or 404), or null.</summary>
    public PortalProblem? Problem { get; private set; }

    /// <summary>The antiforgery request token for the page's script (portal API writes send it as a header).</summary>
    public string CsrfToken => HttpContext.RequestServices.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>()
        .GetAndStoreTokens(HttpContext).RequestToken ?? string.Empty;

    /// <summary>True when single sign-on is configured.</summary>
    public bool SsoEnabled => HttpContext.RequestServices.GetRequiredService<IOptions<SsoOptions>>().Value.Enabled;

    /// <summary>Resolves the session; false when nobody is signed in (then redirect to sign-in).</summary>
    internal async Task<bool> SignedInAsync()
    {
        if (User.Identity?.IsAuthenticated != true)
        {
            return false;
        }

        var resolver = HttpContext.RequestServices.GetRequiredService<SessionCallerResolver>();
        var caller = await resolver.ResolveAsync(User, organisationHeader: null, Request.Cookies[PortalSession.OrganisationCookieName]);
        if (caller.Failure is not null)
        {
            return false;
        }

        Caller = caller.Value!;
        var grains = HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var organisations = await Task.WhenAll(Caller.User.OrganisationIds.Select(async id =>
        {
            var organisation = grains.GetGrain<IOrganisationGrain>(id);
            var info = await organisation.GetAsync();
            var member = await organisation.GetMemberAsync(Caller.UserId);
            return new PortalOrganisation(id, info?.Name ?? id, member?.Role ?? string.Empty);
        }));
        Navigation = new PortalNavigation(Caller.User.Email, [.. organisations], Caller.OrganisationId, Caller.Role);
        return true;
    }

    /// <summary>Sends the browser to sign in, then back here.</summary>
    internal IActionResult SignInFirst() =>
        Redirect($"/portal/signin?returnUrl={Uri.EscapeDataString(Request.Path + Request.QueryString)}");

    /// <summary>Shows a refusal with its status code and the reason.</summary>
    internal IActionResult Refuse(int statusCode, string title, string reason)
    {
        Problem = new PortalProblem(statusCode, title, reason);
        Response.StatusCode = statusCode;
        return Page();
    }
}
