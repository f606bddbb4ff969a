using Ankra.Mesh.Edge.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;

namespace Ankra.Mesh.Edge.Portal.Pages;

/// <summary>Starts the OpenID Connect sign-in, and explains a failed one.</summary>
internal sealed class SignInModel : PortalPageModel
{
    /// <summary>Where to go after signing in (local paths only).</summary>
    public string ReturnUrl { get; private set; } = "/portal";

    /// <summary>Why the last attempt failed, or null.</summary>
    public string? Error { get; private set; }

    public IActionResult OnGet(string? returnUrl, string? start, string? error)
    {
        // Only local paths: an open redirect after sign-in would hand a fresh session's browser to another site.
        ReturnUrl = returnUrl is not null && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/portal", StringComparison.Ordinal) ? returnUrl : "/portal";
        Error = error switch
        {
            null => null,
            "unverified" => "Your identity provider did not confirm that your email address is verified, so it cannot identify you here. Verify it there, then sign in again.",
            _ => "Sign-in did not complete at the identity provider. Try again; if it keeps failing, ask your administrator to check the single sign-on settings.",
        };
        return start == "1" && SsoEnabled
            ? Challenge(new AuthenticationProperties { RedirectUri = ReturnUrl }, PortalSession.OidcScheme)
            : Page();
    }
}
