using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Ankra.Mesh.Testing;

namespace Ankra.Mesh.NatsAuth.Tests;

/// <summary>
/// The pinning rule alone, including the case a live test cannot stage: a certificate the system store
/// trusts (the platform reports no errors) that the pinned CA did not issue.
/// </summary>
public sealed class PinnedCaValidatorTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-pin-").FullName;
    private readonly TestCertificateAuthority _mesh;
    private readonly TestCertificateAuthority _other;

    public PinnedCaValidatorTests()
    {
        _mesh = TestCertificateAuthority.Create(Path.Combine(_directory, "mesh"), "mesh");
        _other = TestCertificateAuthority.Create(Path.Combine(_directory, "other"), "other");
    }

    [Fact]
    public void Validate_CertificateOfPinnedCa_Accepted()
    {
        var validator = PinnedCaValidator.FromFile(_mesh.CaPath);

        // The platform does not know the mesh CA, so it reports chain errors; the pin decides.
        Assert.True(validator.Validate(this, ServerCertificate(_mesh), chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void Validate_CertificateThePlatformTrustsButNotPinnedCa_Refused()
    {
        var validator = PinnedCaValidator.FromFile(_mesh.CaPath);

        Assert.False(validator.Validate(this, ServerCertificate(_other), chain: null, SslPolicyErrors.None));
    }

    [Fact]
    public void Validate_PinnedCaButWrongHostName_Refused()
    {
        var validator = PinnedCaValidator.FromFile(_mesh.CaPath);

        Assert.False(validator.Validate(this, ServerCertificate(_mesh), chain: null, SslPolicyErrors.RemoteCertificateNameMismatch));
        Assert.False(validator.Validate(this, certificate: null, chain: null, SslPolicyErrors.RemoteCertificateNotAvailable));
    }

    [Fact]
    public void Validate_CaBundle_TrustsEachCa()
    {
        var bundle = Path.Combine(_directory, "bundle.crt");
        File.WriteAllText(bundle, File.ReadAllText(_mesh.CaPath) + "\n" + File.ReadAllText(_other.CaPath) + "\n");
        var validator = PinnedCaValidator.FromFile(bundle);

        Assert.True(validator.Validate(this, ServerCertificate(_mesh), chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
        Assert.True(validator.Validate(this, ServerCertificate(_other), chain: null, SslPolicyErrors.RemoteCertificateChainErrors));
    }

    [Fact]
    public void FromFile_NoCertificate_Throws()
    {
        var empty = Path.Combine(_directory, "empty.crt");
        File.WriteAllText(empty, "no certificate here\n");

        Assert.Throws<ArgumentException>(() => PinnedCaValidator.FromFile(empty));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private static X509Certificate2 ServerCertificate(TestCertificateAuthority ca) => X509CertificateLoader.LoadCertificateFromFile(ca.CertificatePath);
}
