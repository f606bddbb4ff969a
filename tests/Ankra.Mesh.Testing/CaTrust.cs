using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.Testing;

/// <summary>
/// Trusts exactly one CA (the stack's or KubeSim's), as a kubeconfig's <c>certificate-authority</c> does: the
/// chain must end at that CA, and the server certificate must name the host (both CAs put 127.0.0.1 in the SAN).
/// </summary>
public static class CaTrust
{
    /// <summary>A TLS validation callback trusting only the CA in <paramref name="caFile"/>.</summary>
    public static RemoteCertificateValidationCallback For(string caFile)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
        return (_, certificate, _, errors) => Trusts(ca, certificate, errors);
    }

    /// <summary>True when <paramref name="certificate"/> names the host and chains to <paramref name="ca"/>.</summary>
    public static bool Trusts(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        ArgumentNullException.ThrowIfNull(ca);
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
