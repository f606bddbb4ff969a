using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.PrivateCa.Tests;

/// <summary>A CA made in memory that issues server certificates for 127.0.0.1/localhost, valid or already expired.</summary>
internal sealed class InMemoryCa : IDisposable
{
    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public InMemoryCa(string name)
    {
        var now = DateTimeOffset.UtcNow;
        var request = new CertificateRequest($"CN={name} CA", _key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Certificate = request.CreateSelfSigned(now.AddDays(-60), now.AddDays(30));
    }

    public X509Certificate2 Certificate { get; }

    public X509Certificate2Collection AsRoots() => [Certificate];

    /// <summary>A server certificate valid from <paramref name="notBefore"/> to <paramref name="notAfter"/> (default: now ± a day).</summary>
    public X509Certificate2 IssueServer(DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, string extendedKeyUsage = "1.3.6.1.5.5.7.3.1")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=server", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(extendedKeyUsage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Certificate, true, false));
        var now = DateTimeOffset.UtcNow;
        return request.Create(Certificate, notBefore ?? now.AddDays(-1), notAfter ?? now.AddDays(1), RandomNumberGenerator.GetBytes(16));
    }

    public void Dispose()
    {
        Certificate.Dispose();
        _key.Dispose();
    }
}
