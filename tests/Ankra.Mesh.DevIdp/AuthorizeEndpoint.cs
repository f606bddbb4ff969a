using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ankra.Mesh.DevIdp;

/// <summary>
/// The authorization endpoint after OpenIddict validated the request: shows the sign-in form, and on a correct
/// email and password issues the code. There is no IdP session on purpose: every authorization asks who you
/// are, so a demo can switch users by signing out of the portal and in again.
/// </summary>
internal static class AuthorizeEndpoint
{
    private const string EmailField = "devidp_email";
    private const string PasswordField = "devidp_password";

    public static void Map(WebApplication app)
    {
        // OpenIddict accepts authorization requests by GET and POST; the form posts the original parameters back.
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], HandleAsync).DisableAntiforgery();
    }

    private static async Task<IResult> HandleAsync(HttpContext http, IOptions<DevIdpOptions> options, IAntiforgery antiforgery, ILoggerFactory loggers)
    {
        var request = http.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("OpenIddict did not attach the authorization request.");
        var logger = loggers.CreateLogger(typeof(AuthorizeEndpoint));
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.Form.ContainsKey(EmailField))
        {
            return SignInPage.Render(request, antiforgery.GetAndStoreTokens(http), error: null);
        }

        // The form carries an antiforgery token so another site cannot sign a visitor in as someone else.
        await antiforgery.ValidateRequestAsync(http);
        var email = http.Request.Form[EmailField].ToString().Trim();
        var password = http.Request.Form[PasswordField].ToString();
        var user = options.Value.Users.FirstOrDefault(u =>
            string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase) && u.Password == password);
        if (user is null)
        {
            DevIdpLog.SignInRefused(logger, email);
            return SignInPage.Render(request, antiforgery.GetAndStoreTokens(http), error: "Wrong email or password.");
        }

        DevIdpLog.SignedIn(logger, user.Email, request.ClientId ?? string.Empty);
        return Results.SignIn(Principal(user, request), properties: null, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static ClaimsPrincipal Principal(DevIdpUser user, OpenIddictRequest request)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.AddClaim(new Claim(Claims.Subject, user.Subject));
        identity.AddClaim(new Claim(Claims.Email, user.Email.ToLowerInvariant()));
        identity.AddClaim(new Claim(Claims.EmailVerified, user.EmailVerified ? "true" : "false", ClaimValueTypes.Boolean));
        identity.AddClaim(new Claim(Claims.Name, user.Name ?? user.Email));
        identity.SetScopes(request.GetScopes());

        // Everything the relying party needs is in the id token, so it never has to call a userinfo endpoint.
        identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
        return new ClaimsPrincipal(identity);
    }
}
