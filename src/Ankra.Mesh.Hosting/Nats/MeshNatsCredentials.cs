using Ankra.Mesh.NatsAuth;
using NATS.Client.Core;

namespace Ankra.Mesh.Hosting;

/// <summary>
/// Turns <see cref="MeshNatsOptions"/> into connection settings: TLS pinned to the configured CA, and
/// either the configured creds file or a credential this process issues itself (a fresh key pair per
/// start, never written to disk) with the permissions of its <see cref="MeshNatsIdentity"/>.
/// </summary>
public static class MeshNatsCredentials
{
    /// <summary>The issuer of the configured signing key (throws <see cref="ArgumentException"/> for a bad key).</summary>
    public static NatsCredentialIssuer CreateIssuer(MeshNatsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.AccountSigningKeyFile))
        {
            throw new ArgumentException($"{MeshNatsOptions.Section}:AccountSigningKeyFile is not set.", nameof(options));
        }

        return new NatsCredentialIssuer(options.AccountPublicKey ?? string.Empty, File.ReadAllText(options.AccountSigningKeyFile).Trim());
    }

    /// <summary>Applies TLS and the credential to <paramref name="opts"/> (unchanged when <see cref="MeshNatsOptions.AllowInsecure"/>).</summary>
    public static NatsOpts Secure(NatsOpts opts, MeshNatsOptions options, MeshNatsIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(opts);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(identity);
        if (options.AllowInsecure)
        {
            return opts;
        }

        var secured = opts.WithPinnedCa(options.CaFile);
        if (!string.IsNullOrEmpty(options.CredsFile))
        {
            return secured.WithCredsFile(options.CredsFile);
        }

        // No expiry: this process holds the signing key anyway, so a short life would protect nothing.
        using var key = NatsUserKeys.Create();
        var credential = CreateIssuer(options).IssueUser(key.PublicKey, identity.Name, identity.Permissions, lifetime: null);
        return secured.WithUserCredential(credential.Jwt, key.Seed) with { InboxPrefix = identity.InboxPrefix };
    }
}
