using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.Agent.Security;

/// <summary>
/// TLS validation against a private CA (a cluster's CA, a self-hosted edge's CA): the chain is built
/// against those roots alone, not the system store, and the host name must still match.
/// </summary>
internal static class PrivateCaTrust
{
    public static RemoteCertificateValidationCallback Validator(X509Certificate2Collection roots) =>
        (_, certificate, _, errors) => IsTrusted(certificate, errors, roots);

    public static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection roots)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null || roots.Count == 0 || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
    }
}
