using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.Cli.Api;

/// <summary>
/// Trust for a self-hosted control plane whose certificate chains to a private CA: the chain is built
/// against that CA alone, and the host name must still match.
/// </summary>
internal static class PrivateCaTrust
{
    public static RemoteCertificateValidationCallback Validator(string caFile)
    {
        if (!File.Exists(caFile))
        {
            throw new CliException(ExitCodes.Usage, $"--certificate-authority: {caFile} does not exist.");
        }

        var roots = new X509Certificate2Collection();
        roots.ImportFromPemFile(caFile);
        return (_, certificate, _, errors) =>
        {
            if (errors == SslPolicyErrors.None)
            {
                return true;
            }

            if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.CustomTrustStore.AddRange(roots);
            return chain.Build(certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()));
        };
    }
}
