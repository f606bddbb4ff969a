using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Sso;

/// <summary>Refuses start-up with a message naming the setting to fix: half an SSO configuration is an error, not "off".</summary>
internal sealed class SsoOptionsValidator : IValidateOptions<SsoOptions>
{
    public ValidateOptionsResult Validate(string? name, SsoOptions options)
    {
        if (!options.Enabled)
        {
            return options.SessionLifetime > TimeSpan.Zero
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail($"{SsoOptions.Section}:SessionLifetime must be positive.");
        }

        if (!Uri.TryCreate(options.Authority, UriKind.Absolute, out var authority) || authority.Scheme != Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Fail($"{SsoOptions.Section}:Authority must be the IdP's https issuer URL, e.g. https://login.example.com/ (set all of Authority, ClientId and ClientSecret, or none).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId) || string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            return ValidateOptionsResult.Fail($"{SsoOptions.Section}:ClientId and {SsoOptions.Section}:ClientSecret are required with {SsoOptions.Section}:Authority (the client registered at the IdP).");
        }

        if (options.CaFile is { Length: > 0 } caFile && !File.Exists(caFile))
        {
            return ValidateOptionsResult.Fail($"{SsoOptions.Section}:CaFile {caFile} does not exist.");
        }

        return options.SessionLifetime <= TimeSpan.Zero || options.SessionLifetime > TimeSpan.FromDays(30)
            ? ValidateOptionsResult.Fail($"{SsoOptions.Section}:SessionLifetime must be between 00:00:01 and 30.00:00:00.")
            : ValidateOptionsResult.Success;
    }
}
