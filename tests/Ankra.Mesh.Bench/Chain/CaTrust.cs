using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>Trusts exactly one CA (the stack's or KubeSim's), as a kubeconfig's <c>certificate-authority</c> does.</summary>
internal static class CaTrust
{
    public static RemoteCertificateValidationCallback For(string caFile)
    {
        var ca = X509CertificateLoader.LoadCertificateFromFile(caFile);
        return (_, certificate, _, errors) =>
        {
            if (certificate is null)
            {
                return false;
            }

            // The name check still applies: the server certificate must name 127.0.0.1 (both CAs put it in the SAN).
            if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
    }
}
