namespace Ankra.Mesh.Edge.Sso;

/// <summary>Names of the portal's session: one cookie scheme, the claims it carries, and the cookies it sets.</summary>
internal static class PortalSession
{
    /// <summary>The cookie authentication scheme (the portal's only session).</summary>
    public const string CookieScheme = "ankra-session";

    /// <summary>The OpenID Connect scheme (registered only when SSO is configured).</summary>
    public const string OidcScheme = "ankra-sso";

    /// <summary>The session cookie.</summary>
    public const string CookieName = "ankra.session";

    /// <summary>The cookie half of the antiforgery pair.</summary>
    public const string AntiforgeryCookieName = "ankra.csrf";

    /// <summary>The header every portal API write carries (the request half of the antiforgery pair).</summary>
    public const string CsrfHeader = "X-CSRF-Token";

    /// <summary>The organisation the portal shows (set by the organisation switcher).</summary>
    public const string OrganisationCookieName = "ankra.org";

    /// <summary>The verified email: the only identity the session carries; membership is looked up on every request.</summary>
    public const string EmailClaim = "email";

    /// <summary>A display name from the IdP.</summary>
    public const string NameClaim = "name";

    /// <summary>Where the IdP sends the browser back with the code.</summary>
    public const string CallbackPath = "/portal/signin-oidc";
}
