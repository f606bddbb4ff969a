using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.Testing;

/// <summary>
/// A throwaway CA and a server certificate for 127.0.0.1/localhost, written as PEM files — what the edge
/// serves HTTPS with in tests and in <c>./mesh demo</c>, and what kubeconfigs and agents trust.
/// </summary>
public sealed class TestCertificateAuthority
{
    private TestCertificateAuthority(string caPath, string certificatePath, string keyPath)
    {
        CaPath = caPath;
        CertificatePath = certificatePath;
        KeyPath = keyPath;
    }

    /// <summary>PEM of the CA certificate (trust this).</summary>
    public string CaPath { get; }

    /// <summary>PEM of the server certificate (chain: server only; the CA is trusted separately).</summary>
    public string CertificatePath { get; }

    /// <summary>PEM of the server certificate's private key (mode 0600).</summary>
    public string KeyPath { get; }

    /// <summary>Creates the CA and server certificate in <paramref name="directory"/>.</summary>
    public static TestCertificateAuthority Create(string directory, string commonName = "ankra-mesh-dev")
    {
        Directory.CreateDirectory(directory);
        var now = DateTimeOffset.UtcNow;

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest($"CN={commonName} CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(30));

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest($"CN={commonName}", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddIpAddress(IPAddress.IPv6Loopback);
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, true, false));
        using var server = serverRequest.Create(ca, now.AddMinutes(-5), now.AddDays(29), RandomNumberGenerator.GetBytes(16));

        var caPath = Path.Combine(directory, "ca.crt");
        var certificatePath = Path.Combine(directory, "tls.crt");
        var keyPath = Path.Combine(directory, "tls.key");
        File.WriteAllText(caPath, ca.ExportCertificatePem());
        File.WriteAllText(certificatePath, server.ExportCertificatePem());
        File.WriteAllText(keyPath, serverKey.ExportPkcs8PrivateKeyPem());
        File.SetUnixFileMode(keyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return new TestCertificateAuthority(caPath, certificatePath, keyPath);
    }
}
