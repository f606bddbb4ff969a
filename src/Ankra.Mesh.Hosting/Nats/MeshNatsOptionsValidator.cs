using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Hosting;

/// <summary>Refuses start-up with a message naming the NATS setting to fix.</summary>
internal sealed class MeshNatsOptionsValidator : IValidateOptions<MeshNatsOptions>
{
    /// <summary>Shortest agent credential life: renewal happens at half of it, so shorter only churns connections.</summary>
    public static readonly TimeSpan MinAgentCredentialLifetime = TimeSpan.FromSeconds(10);

    public ValidateOptionsResult Validate(string? name, MeshNatsOptions options)
    {
        const string S = MeshNatsOptions.Section;
        if (string.IsNullOrWhiteSpace(options.Url))
        {
            return ValidateOptionsResult.Fail($"{S}:Url must name the NATS server(s), e.g. tls://nats-0.nats:4222,tls://nats-1.nats:4222.");
        }

        foreach (var url in options.Url.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("nats" or "tls" or "ws" or "wss"))
            {
                return ValidateOptionsResult.Fail($"{S}:Url: \"{url}\" is not a nats://, tls://, ws:// or wss:// URL.");
            }

            if (!string.IsNullOrEmpty(uri.UserInfo))
            {
                return ValidateOptionsResult.Fail($"{S}:Url must not carry credentials (\"{uri.Host}\"); use {S}:CredsFile or {S}:AccountSigningKeyFile.");
            }
        }

        if (options.AllowInsecure)
        {
            return ValidateOptionsResult.Success;
        }

        if (string.IsNullOrEmpty(options.CredsFile) && !options.CanIssueCredentials)
        {
            return ValidateOptionsResult.Fail(
                $"NATS needs credentials: set {S}:CredsFile (this process's user creds) or {S}:AccountSigningKeyFile with {S}:AccountPublicKey " +
                $"(the mesh account's signing key; see README \"NATS credentials\"). {S}:AllowInsecure=true is for development only.");
        }

        foreach (var (setting, file) in new[] { ("CredsFile", options.CredsFile), ("AccountSigningKeyFile", options.AccountSigningKeyFile), ("CaFile", options.CaFile) })
        {
            if (!string.IsNullOrEmpty(file) && !File.Exists(file))
            {
                return ValidateOptionsResult.Fail($"{S}:{setting}: file \"{file}\" does not exist.");
            }
        }

        if (options.CanIssueCredentials)
        {
            try
            {
                _ = MeshNatsCredentials.CreateIssuer(options);
            }
            catch (ArgumentException exception)
            {
                return ValidateOptionsResult.Fail($"{S}:AccountPublicKey / {S}:AccountSigningKeyFile: {exception.Message}");
            }
        }

        return options.AgentCredentialLifetime < MinAgentCredentialLifetime || options.AgentCredentialLifetime > TimeSpan.FromDays(1)
            ? ValidateOptionsResult.Fail($"{S}:AgentCredentialLifetime must be between {MinAgentCredentialLifetime.TotalSeconds:0} s and 1 day; got {options.AgentCredentialLifetime}.")
            : ValidateOptionsResult.Success;
    }
}
