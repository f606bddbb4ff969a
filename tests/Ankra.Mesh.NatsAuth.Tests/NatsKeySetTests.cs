using System.Text.Json;
using Ankra.Mesh.NatsAuth.Tests.Infrastructure;
using Ankra.Mesh.Testing;
using NATS.Client.Core;
using NATS.NKeys;

namespace Ankra.Mesh.NatsAuth.Tests;

public sealed class NatsKeySetTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-keys-").FullName;

    [Fact]
    public void Generate_Jwts_ChainFromOperatorToSigningKey()
    {
        var keys = NatsKeySet.Generate("test-operator");

        var op = JwtParts.Parse(keys.OperatorJwt);
        var operatorKey = op.Claims.GetProperty("sub").GetString()!;
        Assert.Equal(operatorKey, op.Claims.GetProperty("iss").GetString()); // self-signed
        Assert.Equal("test-operator", op.Claims.GetProperty("name").GetString());
        Assert.Equal("operator", op.Nats.GetProperty("type").GetString());
        Assert.Equal(keys.SystemAccountPublicKey, op.Nats.GetProperty("system_account").GetString());
        Assert.True(Verifies(operatorKey, op));

        var mesh = JwtParts.Parse(keys.MeshAccountJwt);
        Assert.Equal(keys.MeshAccountPublicKey, mesh.Claims.GetProperty("sub").GetString());
        Assert.Equal(operatorKey, mesh.Claims.GetProperty("iss").GetString());
        Assert.Equal("account", mesh.Nats.GetProperty("type").GetString());
        Assert.Equal(2, mesh.Nats.GetProperty("version").GetInt32());
        Assert.Equal([keys.CreateIssuer().SigningPublicKey], mesh.Nats.GetProperty("signing_keys").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(-1, mesh.Nats.GetProperty("limits").GetProperty("conn").GetInt64());
        Assert.True(Verifies(operatorKey, mesh));

        var system = JwtParts.Parse(keys.SystemAccountJwt);
        Assert.Equal(keys.SystemAccountPublicKey, system.Claims.GetProperty("sub").GetString());
        Assert.True(Verifies(operatorKey, system));
    }

    [Fact]
    public void WriteTo_Directory_SeedsOwnerOnlyAndAuthConfigComplete()
    {
        var keys = NatsKeySet.Generate();

        keys.WriteTo(_directory);

        foreach (var seedFile in new[] { NatsKeySet.AccountSigningKeyFile, NatsKeySet.OperatorSeedFile, NatsKeySet.SystemAccountSeedFile })
        {
            Assert.Equal(OwnerOnly, File.GetUnixFileMode(Path.Combine(_directory, seedFile)));
        }

        Assert.Equal(keys.AccountSigningKeySeed, Read(NatsKeySet.AccountSigningKeyFile));
        Assert.Equal(keys.MeshAccountPublicKey, Read(NatsKeySet.MeshAccountPublicKeyFile));
        Assert.Equal(keys.OperatorJwt, Read(NatsKeySet.OperatorJwtFile));
        var auth = Read(NatsKeySet.AuthConfigFile);
        Assert.Equal(keys.ServerAuthConfig().Trim(), auth);
        Assert.Contains($"operator: \"{keys.OperatorJwt}\"", auth, StringComparison.Ordinal);
        Assert.Contains($"system_account: \"{keys.SystemAccountPublicKey}\"", auth, StringComparison.Ordinal);
        Assert.Contains("resolver: MEMORY", auth, StringComparison.Ordinal);
        Assert.Contains($"\"{keys.MeshAccountPublicKey}\": \"{keys.MeshAccountJwt}\"", auth, StringComparison.Ordinal);
        Assert.Contains($"\"{keys.SystemAccountPublicKey}\": \"{keys.SystemAccountJwt}\"", auth, StringComparison.Ordinal);
        Assert.DoesNotContain(keys.AccountSigningKeySeed, auth, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteTo_ExistingWorldReadableSeedFile_TightenedToOwnerOnly()
    {
        var existing = Path.Combine(_directory, NatsKeySet.AccountSigningKeyFile);
        File.WriteAllText(existing, "old");
        File.SetUnixFileMode(existing, OwnerOnly | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        NatsKeySet.Generate().WriteTo(_directory);

        Assert.Equal(OwnerOnly, File.GetUnixFileMode(existing));
    }

    [Fact]
    public void Load_WithoutOfflineSeeds_SameKeysAndNoSeedsWrittenBack()
    {
        var keys = NatsKeySet.Generate();
        keys.WriteTo(_directory);
        File.Delete(Path.Combine(_directory, NatsKeySet.OperatorSeedFile));
        File.Delete(Path.Combine(_directory, NatsKeySet.SystemAccountSeedFile));

        var loaded = NatsKeySet.Load(_directory);

        Assert.Equal(keys.OperatorJwt, loaded.OperatorJwt);
        Assert.Equal(keys.MeshAccountPublicKey, loaded.MeshAccountPublicKey);
        Assert.Equal(keys.MeshAccountJwt, loaded.MeshAccountJwt);
        Assert.Equal(keys.SystemAccountPublicKey, loaded.SystemAccountPublicKey);
        Assert.Equal(keys.SystemAccountJwt, loaded.SystemAccountJwt);
        Assert.Equal(keys.AccountSigningKeySeed, loaded.AccountSigningKeySeed);
        var copy = Path.Combine(_directory, "copy");
        loaded.WriteTo(copy);
        Assert.False(File.Exists(Path.Combine(copy, NatsKeySet.OperatorSeedFile)));
    }

    [Fact]
    public async Task FromFiles_ControlPlaneFiles_IssueUsersTheServerAccepts()
    {
        var keys = NatsKeySet.Generate();
        keys.WriteTo(_directory);
        await using var server = new NatsServerFixture(new NatsServerFixtureOptions { Keys = keys });
        await server.InitializeAsync();

        var issuer = NatsCredentialIssuer.FromFiles(
            Path.Combine(_directory, NatsKeySet.MeshAccountPublicKeyFile), Path.Combine(_directory, NatsKeySet.AccountSigningKeyFile));
        using var user = NatsUserKeys.Create();
        var credential = issuer.IssueUser(user.PublicKey, "from-files", NatsServerFixture.Everything, TimeSpan.FromMinutes(5));
        await using var connection = new NatsConnection(new NatsOpts { Url = server.Url }.WithUserCredential(credential.Jwt, user.Seed).WithPinnedCa(server.CaPath));
        await connection.ConnectAsync().AsTask().WaitAsync(Timeout);

        using var http = new HttpClient();
        var varz = JsonDocument.Parse(await http.GetStringAsync($"{server.MonitorUrl}/varz").WaitAsync(Timeout)).RootElement;
        Assert.Equal(keys.SystemAccountPublicKey, varz.GetProperty("system_account").GetString());
        Assert.Equal(keys.MeshAccountPublicKey, issuer.AccountPublicKey);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string Read(string name) => File.ReadAllText(Path.Combine(_directory, name)).Trim();

    private static bool Verifies(string publicKey, JwtParts jwt)
    {
        using var key = KeyPair.FromPublicKey(publicKey);
        return key.Verify(jwt.SignedBytes, jwt.Signature);
    }
}
