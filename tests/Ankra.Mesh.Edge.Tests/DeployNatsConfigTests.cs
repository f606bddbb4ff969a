using System.Diagnostics;
using Ankra.Mesh.Edge.Hosting;
using Ankra.Mesh.Hosting;
using Ankra.Mesh.NatsAuth;
using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// The production recipe works as written: <c>Ankra.Mesh.Edge nats-keys</c> generates a key set, the real
/// nats-server starts with <c>deploy/nats/nats.conf</c> including it (TLS, wss and cluster blocks as shipped,
/// only file paths and ports moved), and a credential issued from the two files an edge is given connects
/// over tls:// and wss://.
/// </summary>
public sealed class DeployNatsConfigTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-deploy-nats-").FullName;

    [Fact]
    public async Task NatsKeysThenShippedConfig_ServerStartsAndIssuedAgentCredentialConnectsOverTlsAndWss()
    {
        var keys = Path.Combine(_directory, "keys");
        Assert.Equal(0, NatsKeysCommand.Run(["--out", keys]));
        Assert.Equal(2, NatsKeysCommand.Run(["--out", keys]));
        var ca = TestCertificateAuthority.Create(Path.Combine(_directory, "tls"));
        var (client, websocket, monitor, route) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());

        var shipped = await File.ReadAllTextAsync(RepositoryPaths.Combine("deploy", "nats", "nats.conf"));
        var config = shipped
            .Replace("/etc/nats/tls/tls.crt", ca.CertificatePath, StringComparison.Ordinal)
            .Replace("/etc/nats/tls/tls.key", ca.KeyPath, StringComparison.Ordinal)
            .Replace("/etc/nats/tls/route.crt", ca.CertificatePath, StringComparison.Ordinal)
            .Replace("/etc/nats/tls/route.key", ca.KeyPath, StringComparison.Ordinal)
            .Replace("/etc/nats/tls/route-ca.crt", ca.CaPath, StringComparison.Ordinal)
            .Replace("\"0.0.0.0:4222\"", $"\"127.0.0.1:{client}\"", StringComparison.Ordinal)
            .Replace("port: 8443", $"port: {websocket}", StringComparison.Ordinal)
            .Replace("\"0.0.0.0:8222\"", $"\"127.0.0.1:{monitor}\"", StringComparison.Ordinal)
            .Replace("\"0.0.0.0:6222\"", $"\"127.0.0.1:{route}\"", StringComparison.Ordinal);
        Assert.NotEqual(shipped, config);
        var configPath = Path.Combine(keys, "nats.conf");
        await File.WriteAllTextAsync(configPath, config);

        var startInfo = new ProcessStartInfo(NatsServerFixture.BinaryPath) { ArgumentList = { "-c", configPath } };
        startInfo.Environment["SERVER_NAME"] = "nats-0";
        await using var server = ChildProcess.Start("nats-server", startInfo);
        await server.WaitForLineAsync(line => line.Contains("Server is ready", StringComparison.Ordinal), Timeout);

        // What an edge holds: the mesh account's public key and the signing key file.
        var issuer = NatsCredentialIssuer.FromFiles(Path.Combine(keys, NatsKeySet.MeshAccountPublicKeyFile), Path.Combine(keys, NatsKeySet.AccountSigningKeyFile));
        foreach (var url in new[] { $"tls://127.0.0.1:{client}", $"wss://127.0.0.1:{websocket}" })
        {
            using var key = NatsUserKeys.Create();
            var credential = issuer.IssueUser(key.PublicKey, "agent-c1", MeshNatsPermissions.Agent("c1"), TimeSpan.FromMinutes(5));
            await using var nats = new NatsConnection(new NatsOpts { Url = url, InboxPrefix = "mesh.c.c1._INBOX" }
                .WithPinnedCa(ca.CaPath).WithUserCredential(credential.Jwt, key.Seed));
            await nats.ConnectAsync().AsTask().WaitAsync(Timeout);
            await using var frames = await nats.SubscribeCoreAsync<string>("mesh.c.c1.s.x.in").AsTask().WaitAsync(Timeout);
            await nats.PublishAsync("mesh.c.c1.s.x.in", url).AsTask().WaitAsync(Timeout);
            Assert.Equal(url, (await frames.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
