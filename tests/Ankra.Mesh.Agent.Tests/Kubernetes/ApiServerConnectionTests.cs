using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Ankra.Mesh.Agent.Configuration;
using Ankra.Mesh.Agent.Kubernetes;
using Ankra.Mesh.KubeSim.Hosting;
using k8s;
using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Agent.Tests.Kubernetes;

/// <summary><c>Mesh:Agent:ApiServer:CaFile</c> as a cluster operator hands it over, e.g. a bundle during a CA rotation.</summary>
public sealed class ApiServerConnectionTests : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-agent-ca-").FullName;
    private KubeSimHost _cluster = null!;

    public async Task InitializeAsync() => _cluster = await KubeSimHost.StartAsync().WaitAsync(Timeout);

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task CaFile_BundleWithTheClusterCaSecond_TrustsTheApiServer()
    {
        var bundle = Path.Combine(_directory, "bundle.crt");
        await File.WriteAllTextAsync(bundle, OtherCaPem() + await File.ReadAllTextAsync(_cluster.CaFile));

        using var connection = Connect(bundle);
        var version = await connection.Client.Version.GetCodeAsync().WaitAsync(Timeout);

        Assert.False(string.IsNullOrEmpty(version.GitVersion));
    }

    [Fact]
    public async Task CaFile_OnlyAnotherCa_RefusesTheApiServer()
    {
        var other = Path.Combine(_directory, "other.crt");
        await File.WriteAllTextAsync(other, OtherCaPem());

        using var connection = Connect(other);

        await Assert.ThrowsAsync<HttpRequestException>(() => connection.Client.Version.GetCodeAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task CaFile_NoPemCertificate_RefusedNamingTheSetting()
    {
        var empty = Path.Combine(_directory, "empty.crt");
        await File.WriteAllTextAsync(empty, "not a certificate\n");

        var failure = Assert.Throws<InvalidOperationException>(() => Connect(empty));

        Assert.Contains("Mesh:Agent:ApiServer:CaFile", failure.Message, StringComparison.Ordinal);
    }

    private ApiServerConnection Connect(string caFile) => new(Options.Create(new AgentOptions
    {
        ApiServer = new ApiServerOptions { Url = _cluster.HttpsUrl.ToString(), Token = _cluster.AgentToken, CaFile = caFile },
    }));

    /// <summary>A self-signed CA that signed nothing the cluster presents.</summary>
    private static string OtherCaPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=another CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        return certificate.ExportCertificatePem() + "\n";
    }
}
