using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ankra.Mesh.DevIdp;

/// <summary>
/// Wires OpenIddict's server in degraded mode: no database, because the clients and users come from
/// configuration and every token is self-contained. Degraded mode leaves client validation to us
/// (<see cref="ClientValidation"/>); OpenIddict still does the protocol: discovery, PKCE, code exchange,
/// signed id tokens.
/// </summary>
internal static class DevIdpHosting
{
    public static WebApplicationBuilder AddDevIdp(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(DevIdpOptions.Section).Get<DevIdpOptions>() ?? new DevIdpOptions();
        builder.Services.AddOptions<DevIdpOptions>().BindConfiguration(DevIdpOptions.Section).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<DevIdpOptions>, DevIdpOptionsValidator>();
        builder.Services.AddSingleton<ClientValidation>();
        builder.Services.AddAntiforgery(o => o.Cookie.Name = "devidp.antiforgery");

        builder.Services.AddOpenIddict().AddServer(server =>
        {
            if (Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer))
            {
                server.SetIssuer(issuer);
            }

            server.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
            server.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
            server.Configure(o => o.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));
            server.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
            server.SetIdentityTokenLifetime(options.IdentityTokenLifetime);

            // Keys live as long as the process: restarting the IdP signs everyone out of it, nothing else.
            server.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
            server.EnableDegradedMode();
            server.UseAspNetCore().EnableAuthorizationEndpointPassthrough();

            server.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(handler =>
                handler.UseScopedHandler<ClientValidation>());
            server.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(handler =>
                handler.UseScopedHandler<ClientValidation>());
        });
        return builder;
    }

    public static WebApplication MapDevIdp(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<DevIdpOptions>>().Value;
        DevIdpLog.Started(app.Logger, options.Issuer, options.Users.Count);
        app.UseAntiforgery();
        app.MapGet("/healthz", () => Results.Text("ok"));
        AuthorizeEndpoint.Map(app);
        return app;
    }
}
