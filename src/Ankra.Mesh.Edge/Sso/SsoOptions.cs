namespace Ankra.Mesh.Edge.Sso;

/// <summary>
/// Single sign-on through an OpenID Connect provider (<c>Mesh:Sso</c>): any standard IdP (Okta, Entra ID, Google,
/// Auth0, Keycloak). Optional: without it the portal says that sign-in is not configured, and the token API,
/// kubectl and <c>ankra login --token</c> work as before.
/// </summary>
public sealed class SsoOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Mesh:Sso";

    /// <summary>The IdP's issuer URL (its discovery document is <c>{Authority}/.well-known/openid-configuration</c>).</summary>
    public string? Authority { get; set; }

    /// <summary>The client id registered at the IdP for this deployment.</summary>
    public string? ClientId { get; set; }

    /// <summary>The client secret (a Secret in production; never logged).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>PEM file of a private CA that the IdP's certificate chains to; then only that CA is trusted for the IdP.</summary>
    public string? CaFile { get; set; }

    /// <summary>How long a portal session lasts; then the browser signs in again (usually silently, at the IdP).</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// Folder for the ASP.NET Core data-protection keys that protect session and antiforgery cookies. Edges behind one
    /// load balancer must share it (a volume or a Secret), or a cookie issued by one edge is refused by the next.
    /// Empty: the framework's per-machine default, right for one edge.
    /// </summary>
    public string? DataProtectionKeysDirectory { get; set; }

    /// <summary>True when an IdP is configured.</summary>
    public bool Enabled => !string.IsNullOrEmpty(Authority) || !string.IsNullOrEmpty(ClientId) || !string.IsNullOrEmpty(ClientSecret);
}
