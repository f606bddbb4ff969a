using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Ankra.Mesh.PrivateCa.Tests;

/// <summary>
/// The pinning rule called directly, including the case a live test cannot stage: a certificate the system
/// store trusts — the platform reports <see cref="SslPolicyErrors.None"/> — that the configured CA did not issue.
/// </summary>
public sealed class PrivateCaTrustTests : IDisposable
{
    private readonly InMemoryCa _configured = new("configured");
    private readonly InMemoryCa _public = new("public");
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-private-ca-").FullName;

    [Fact]
    public void Validate_CertificateOfConfiguredCa_Accepted()
    {
        var trust = new PrivateCaTrust(_configured.AsRoots());
        using var server = _configured.IssueServer();

        // The platform does not know the private CA, so it reports chain errors; the pin decides.
        Assert.True(trust.Validate(this, server, chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_PubliclyTrustedCertificateOfAnotherCa_Refused()
    {
        var trust = new PrivateCaTrust(_configured.AsRoots());
        using var server = _public.IssueServer();

        // SslPolicyErrors.None is what a chain to any CA in the system store looks like to the callback.
        Assert.False(trust.Validate(this, server, chain: null, SslPolicyErrors.None));
    }

    [Fact]
    public void Validate_ConfiguredCaButHostNameMismatch_Refused()
    {
        var trust = new PrivateCaTrust(_configured.AsRoots());
        using var server = _configured.IssueServer();

        Assert.False(trust.Validate(this, server, chain: null, SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.False(trust.Validate(this, certificate: null, chain: null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void Validate_ExpiredCertificateOfConfiguredCa_Refused()
    {
        var trust = new PrivateCaTrust(_configured.AsRoots());
        var now = DateTimeOffset.UtcNow;
        using var expired = _configured.IssueServer(now.AddDays(-30), now.AddDays(-1));

        Assert.False(trust.Validate(this, expired, chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_ClientAuthenticationCertificateOfConfiguredCa_Refused()
    {
        var trust = new PrivateCaTrust(_configured.AsRoots());
        using var clientOnly = _configured.IssueServer(extendedKeyUsage: "1.3.6.1.5.5.7.3.2");

        Assert.False(trust.Validate(this, clientOnly, chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void FromFile_CaBundle_TrustsEachCa()
    {
        var bundle = Path.Combine(_directory, "bundle.crt");
        File.WriteAllText(bundle, _configured.Certificate.ExportCertificatePem() + "\n" + _public.Certificate.ExportCertificatePem() + "\n");
        var trust = PrivateCaTrust.FromFile(bundle);
        using var first = _configured.IssueServer();
        using var second = _public.IssueServer();

        Assert.True(trust.Validate(this, first, chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(trust.Validate(this, second, chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void FromFile_NoCertificate_Throws()
    {
        var empty = Path.Combine(_directory, "empty.crt");
        File.WriteAllText(empty, "no certificate here\n");

        Assert.Throws<ArgumentException>(() => PrivateCaTrust.FromFile(empty));
        Assert.Throws<FileNotFoundException>(() => PrivateCaTrust.FromFile(Path.Combine(_directory, "missing.crt")));
    }

    [Fact]
    public void ForRootsOrSystem_NoRoots_ThePlatformDecides()
    {
        using var server = _public.IssueServer();

        Assert.True(PrivateCaTrust.ForRootsOrSystem(null)(this, server, null, SslPolicyErrors.None));
        Assert.False(PrivateCaTrust.ForRootsOrSystem([])(this, server, null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void ForRootsOrSystem_Roots_PubliclyTrustedCertificateOfAnotherCaRefused()
    {
        using var server = _public.IssueServer();

        Assert.False(PrivateCaTrust.ForRootsOrSystem(_configured.AsRoots())(this, server, null, SslPolicyErrors.None));
    }

    public void Dispose()
    {
        _configured.Dispose();
        _public.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
