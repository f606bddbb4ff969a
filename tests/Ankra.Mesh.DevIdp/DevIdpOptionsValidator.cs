using Microsoft.Extensions.Options;

namespace Ankra.Mesh.DevIdp;

/// <summary>Refuses start-up with a message naming the setting to fix.</summary>
internal sealed class DevIdpOptionsValidator : IValidateOptions<DevIdpOptions>
{
    public ValidateOptionsResult Validate(string? name, DevIdpOptions options)
    {
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer) || issuer.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail($"{DevIdpOptions.Section}:Issuer must be an absolute https URL, e.g. https://127.0.0.1:5443/.");
        }

        if (options.Clients.Count == 0 || options.Clients.Any(c => c.ClientId.Length == 0 || c.ClientSecret.Length < 16 || c.RedirectUris.Count == 0))
        {
            return ValidateOptionsResult.Fail($"{DevIdpOptions.Section}:Clients needs at least one client with ClientId, a ClientSecret of 16+ characters and RedirectUris.");
        }

        if (options.Users.Count == 0 || options.Users.Any(u => !u.Email.Contains('@', StringComparison.Ordinal) || u.Password.Length == 0))
        {
            return ValidateOptionsResult.Fail($"{DevIdpOptions.Section}:Users needs at least one user, each with an Email and a Password.");
        }

        return ValidateOptionsResult.Success;
    }
}
