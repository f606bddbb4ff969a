using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.PrivateCa;

/// <summary>
/// Accepts a server certificate only if it chains to one of the configured CA certificates and names the host.
/// The platform's verdict on the chain is ignored — it knows only the system store, so "no errors" means
/// "some public CA vouches for it", which is exactly what a pinned CA must not accept; its verdict on the
/// name is kept. Expiry, the key usage for TLS servers and the chain itself are checked by building the
/// chain with <see cref="X509ChainTrustMode.CustomRootTrust"/> over the configured roots only.
/// This is the only place the rule is written: agent, CLI, NATS clients, the edge's IdP back channel and
/// the test stack all call it.
/// </summary>
public sealed class PrivateCaTrust
{
    /// <summary>TLS Web Server Authentication: a client certificate or a code-signing one must not do.</summary>
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection _roots;

    /// <summary>Trusts exactly <paramref name="roots"/> (one or more CA certificates).</summary>
    /// <exception cref="ArgumentException">No certificate was given: an empty pin would trust nothing, silently.</exception>
    public PrivateCaTrust(X509Certificate2Collection roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = roots.Count > 0 ? roots : throw new ArgumentException("A private CA needs at least one certificate.", nameof(roots));
    }

    /// <summary>Reads the CA certificates (PEM, one or more: a bundle serves a CA rotation) from <paramref name="caFile"/>.</summary>
    /// <exception cref="ArgumentException">The file holds no certificate.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static PrivateCaTrust FromFile(string caFile)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(caFile);
        if (!File.Exists(caFile))
        {
            throw new FileNotFoundException($"The CA file {caFile} does not exist.", caFile);
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        return roots.Count > 0
            ? new PrivateCaTrust(roots)
            : throw new ArgumentException($"The CA file {caFile} holds no PEM certificate.", nameof(caFile));
    }

    /// <summary>
    /// The rule for a client that may or may not have a private CA configured: with one (<paramref name="roots"/>
    /// non-empty), only that CA; without, the platform's verdict (the system store).
    /// </summary>
    public static RemoteCertificateValidationCallback ForRootsOrSystem(X509Certificate2Collection? roots) =>
        roots is { Count: > 0 } ? new PrivateCaTrust(roots).Validate : static (_, _, _, errors) => errors == SslPolicyErrors.None;

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>: true when the certificate names the host and chains to a configured root.</summary>
    public bool Validate(object? sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNotAvailable | SslPolicyErrors.RemoteCertificateNameMismatch)) != 0)
        {
            return false;
        }

        using var pinned = new X509Chain();
        pinned.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        pinned.ChainPolicy.CustomTrustStore.AddRange(_roots);
        // A private CA publishes no revocation lists; rotation and short-lived certificates replace them.
        pinned.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        pinned.ChainPolicy.ApplicationPolicy.Add(ServerAuthentication);
        if (chain is not null)
        {
            // Intermediates the server sent are in the platform's chain; they may be needed to reach the root.
            foreach (var element in chain.ChainElements.Skip(1))
            {
                pinned.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var loaded = certificate as X509Certificate2 is null ? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()) : null;
        return pinned.Build(loaded ?? (X509Certificate2)certificate);
    }
}
