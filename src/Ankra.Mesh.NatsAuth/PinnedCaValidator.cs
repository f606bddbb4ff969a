using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.NatsAuth;

/// <summary>
/// Accepts a server certificate only if it chains to one of the pinned CA certificates and names the host.
/// The platform's verdict on the chain is ignored (it knows only the system store); its verdict on the
/// name is kept. A certificate the system store trusts but the pinned CA did not issue is refused: the
/// bus trusts our CA, not every public CA.
/// </summary>
internal sealed class PinnedCaValidator
{
    /// <summary>TLS Web Server Authentication: a client certificate or a code-signing one must not do.</summary>
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");

    private readonly X509Certificate2Collection _roots;

    internal PinnedCaValidator(X509Certificate2Collection roots) => _roots = roots;

    /// <summary>Reads the CA certificates (PEM, one or more: a bundle serves a CA rotation) from <paramref name="caFile"/>.</summary>
    /// <exception cref="ArgumentException">The file holds no certificate.</exception>
    public static PinnedCaValidator FromFile(string caFile)
    {
        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        return roots.Count > 0
            ? new PinnedCaValidator(roots)
            : throw new ArgumentException($"The CA file {caFile} holds no PEM certificate.", nameof(caFile));
    }

    /// <summary>A <see cref="RemoteCertificateValidationCallback"/>.</summary>
    public bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
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

        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return pinned.Build(leaf);
    }
}
