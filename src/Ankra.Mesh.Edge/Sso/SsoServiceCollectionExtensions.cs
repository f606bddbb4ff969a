using Ankra.Mesh.PrivateCa;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Ankra.Mesh.Edge.Sso;

/// <summary>
/// The portal's sign-in: a cookie session (Secure, HttpOnly, SameSite=Lax), filled by OpenID Connect
/// (authorization code + PKCE) when <c>Mesh:Sso</c> names an IdP, and antiforgery for every browser write.
/// </summary>
internal static class SsoServiceCollectionExtensions
{
    public static IServiceCollection AddMeshSso(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SsoOptions>, SsoOptionsValidator>();
        services.AddSingleton<SsoSignIn>();
        services.AddSingleton<SessionCallerResolver>();

        // Read once here only to decide what to register; the values themselves are validated at start-up.
        var sso = configuration.GetSection(SsoOptions.Section).Get<SsoOptions>() ?? new SsoOptions();
        if (sso.DataProtectionKeysDirectory is { Length: > 0 } keys)
        {
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("ankra-mesh-edge");
        }

        var authentication = services.AddAuthentication(PortalSession.CookieScheme).AddCookie(PortalSession.CookieScheme, o =>
        {
            o.Cookie.Name = PortalSession.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/portal/signin";
            o.LogoutPath = "/portal/signout";
            o.SlidingExpiration = false;
        });
        services.AddOptions<CookieAuthenticationOptions>(PortalSession.CookieScheme)
            .Configure<IOptions<SsoOptions>>((cookie, options) => cookie.ExpireTimeSpan = options.Value.SessionLifetime);

        if (sso.Enabled)
        {
            authentication.AddOpenIdConnect(PortalSession.OidcScheme, _ => { });
            services.AddOptions<OpenIdConnectOptions>(PortalSession.OidcScheme)
                .Configure<IOptions<SsoOptions>, SsoSignIn>((oidc, options, signIn) => Configure(oidc, options.Value, signIn));
        }

        services.AddAntiforgery(o =>
        {
            o.HeaderName = PortalSession.CsrfHeader;
            o.Cookie.Name = PortalSession.AntiforgeryCookieName;
            o.Cookie.SecurePolicy = CookieSecurePolicy.Always;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        return services;
    }

    private static void Configure(OpenIdConnectOptions oidc, SsoOptions options, SsoSignIn signIn)
    {
        oidc.Authority = options.Authority;
        oidc.ClientId = options.ClientId;
        oidc.ClientSecret = options.ClientSecret;
        oidc.ResponseType = OpenIdConnectResponseType.Code;
        oidc.UsePkce = true;

        // The code comes back in the query: a top-level GET navigation, which SameSite=Lax cookies accompany.
        oidc.ResponseMode = OpenIdConnectResponseMode.Query;
        oidc.CallbackPath = PortalSession.CallbackPath;
        oidc.SignInScheme = PortalSession.CookieScheme;
        oidc.Scope.Clear();
        oidc.Scope.Add("openid");
        oidc.Scope.Add("email");
        oidc.Scope.Add("profile");
        oidc.MapInboundClaims = false;
        oidc.SaveTokens = false;

        // Some IdPs put email and email_verified only in userinfo; the handler skips it when none is advertised.
        oidc.GetClaimsFromUserInfoEndpoint = true;
        oidc.ClaimActions.MapUniqueJsonKey("email", "email");
        oidc.ClaimActions.MapUniqueJsonKey("email_verified", "email_verified");
        oidc.Events.OnTicketReceived = signIn.OnTicketReceivedAsync;
        oidc.Events.OnRemoteFailure = signIn.OnRemoteFailureAsync;
        if (options.CaFile is { Length: > 0 } caFile)
        {
            var pinned = PrivateCaTrust.FromFile(caFile);
            oidc.BackchannelHttpHandler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = pinned.Validate } };
        }
    }
}
