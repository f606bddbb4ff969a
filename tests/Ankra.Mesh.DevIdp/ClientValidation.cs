using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Ankra.Mesh.DevIdp;

/// <summary>
/// What OpenIddict's degraded mode leaves to the host: the client id must be registered, the redirect URI
/// must be one of its own (exactly), and the token endpoint must be given the client's secret. Without these
/// checks any site could receive codes for our users.
/// </summary>
internal sealed class ClientValidation(IOptions<DevIdpOptions> options, ILogger<ClientValidation> logger) :
    IOpenIddictServerHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>,
    IOpenIddictServerHandler<OpenIddictServerEvents.ValidateTokenRequestContext>
{
    public ValueTask HandleAsync(OpenIddictServerEvents.ValidateAuthorizationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = Find(context.ClientId);
        if (client is null)
        {
            Refuse("authorization", context.ClientId, "unknown client_id");
            context.Reject(Errors.InvalidClient, "The client_id is not registered with this identity provider.");
        }
        else if (context.RedirectUri is null || !client.RedirectUris.Contains(context.RedirectUri, StringComparer.Ordinal))
        {
            Refuse("authorization", context.ClientId, $"redirect_uri {context.RedirectUri} is not registered");
            context.Reject(Errors.InvalidRequest, "The redirect_uri is not registered for this client.");
        }

        return default;
    }

    public ValueTask HandleAsync(OpenIddictServerEvents.ValidateTokenRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var client = Find(context.ClientId);
        if (client is null || context.ClientSecret is null || !SecretsMatch(client.ClientSecret, context.ClientSecret))
        {
            Refuse("token", context.ClientId, "unknown client or wrong client_secret");
            context.Reject(Errors.InvalidClient, "The client credentials are invalid.");
        }

        return default;
    }

    private DevIdpClient? Find(string? clientId) =>
        clientId is null ? null : options.Value.Clients.FirstOrDefault(c => c.ClientId == clientId);

    private static bool SecretsMatch(string expected, string actual) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual));

    private void Refuse(string endpoint, string? clientId, string reason) =>
        DevIdpLog.ClientRefused(logger, endpoint, clientId ?? "(none)", reason);
}
