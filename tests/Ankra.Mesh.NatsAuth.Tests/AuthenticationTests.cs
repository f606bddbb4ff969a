using System.Buffers.Text;
using System.Text;
using Ankra.Mesh.NatsAuth.Tests.Infrastructure;
using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.NatsAuth.Tests;

/// <summary>
/// Which user JWTs a real nats-server in operator mode accepts. A refused connect surfaces in NATS.Client.Core
/// as a <see cref="NatsException"/> from ConnectAsync (inner <see cref="NatsServerException"/>) after a
/// <see cref="NatsConnection.ServerError"/> of kind <see cref="NatsServerErrorKind.AuthorizationViolation"/>.
/// </summary>
public sealed class AuthenticationTests(SecureNatsServer server) : IClassFixture<SecureNatsServer>, IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly NatsPermissions Agent = new(["mesh.c.A.>"], ["mesh.c.A.>"], AllowResponses: true);

    private readonly NatsServerFixture _nats = server.Server;
    private readonly string _directory = Directory.CreateTempSubdirectory("mesh-creds-").FullName;

    [Fact]
    public async Task Connect_JwtFromIssuer_Accepted()
    {
        using var user = NatsUserKeys.Create();
        var credential = _nats.Keys!.CreateIssuer().IssueUser(user.PublicKey, "agent-A", Agent, TimeSpan.FromMinutes(5));

        await using var connection = Connect(credential.Jwt, user.Seed);
        await connection.ConnectAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(NatsConnectionState.Open, connection.ConnectionState);
    }

    [Fact]
    public async Task Connect_JwtSignedByForgedSigningKey_Refused()
    {
        // Names the server's mesh account, but is signed by a key the account JWT does not list.
        var forger = new NatsCredentialIssuer(_nats.Keys!.MeshAccountPublicKey, NatsKeySet.Generate().AccountSigningKeySeed);
        using var user = NatsUserKeys.Create();

        await AssertRefusedAsync(forger.IssueUser(user.PublicKey, "forged", Agent, lifetime: null).Jwt, user.Seed);
    }

    [Fact]
    public async Task Connect_JwtOfAccountUnknownToServer_Refused()
    {
        using var user = NatsUserKeys.Create();

        await AssertRefusedAsync(NatsKeySet.Generate().CreateIssuer().IssueUser(user.PublicKey, "stranger", Agent, lifetime: null).Jwt, user.Seed);
    }

    [Fact]
    public async Task Connect_ClaimsChangedAfterSigning_Refused()
    {
        using var user = NatsUserKeys.Create();
        var jwt = _nats.Keys!.CreateIssuer().IssueUser(user.PublicKey, "agent-A", Agent, lifetime: null).Jwt;
        var parts = jwt.Split('.');
        var claims = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1]));
        var widened = claims.Replace("mesh.c.A.", "mesh.c.", StringComparison.Ordinal); // mesh.c.> : every cluster
        Assert.NotEqual(claims, widened);

        await AssertRefusedAsync($"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(widened))}.{parts[2]}", user.Seed);
    }

    [Fact]
    public async Task Connect_SeedOfAnotherUser_Refused()
    {
        using var user = NatsUserKeys.Create();
        using var other = NatsUserKeys.Create();
        var jwt = _nats.Keys!.CreateIssuer().IssueUser(user.PublicKey, "agent-A", Agent, lifetime: null).Jwt;

        await AssertRefusedAsync(jwt, other.Seed); // a stolen JWT is useless without its seed
    }

    [Fact]
    public async Task Connect_ExpiredJwt_Refused()
    {
        using var user = NatsUserKeys.Create();
        var anHourAgo = new FixedTime(DateTimeOffset.UtcNow.AddHours(-1));
        var credential = _nats.Keys!.CreateIssuer().IssueUser(user.PublicKey, "agent-A", Agent, TimeSpan.FromMinutes(1), anHourAgo);

        await AssertRefusedAsync(credential.Jwt, user.Seed);
    }

    [Fact]
    public async Task Connected_JwtExpires_ServerClosesConnection()
    {
        using var user = NatsUserKeys.Create();
        // Long enough to connect over TLS on a busy machine; the JWT's whole-second expiry may cut up to a second off.
        var credential = _nats.Keys!.CreateIssuer().IssueUser(user.PublicKey, "agent-A", Agent, TimeSpan.FromSeconds(5));
        await using var connection = Connect(credential.Jwt, user.Seed);
        var errors = new ServerErrors(connection);
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionDisconnected += (_, _) =>
        {
            disconnected.TrySetResult();
            return ValueTask.CompletedTask;
        };
        await connection.ConnectAsync().AsTask().WaitAsync(Timeout);

        // No clock assertion: only that the server itself ends the connection, with the reason.
        await errors.WaitForAsync(NatsServerErrorKind.AuthenticationExpired, "User Authentication Expired", Timeout);
        await disconnected.Task.WaitAsync(Timeout);
    }

    [Fact]
    public async Task WithCredsFile_FileRenewedBeforeExpiry_ReconnectsWithRenewedJwt()
    {
        var issuer = _nats.Keys!.CreateIssuer();
        using var user = NatsUserKeys.Create();
        var path = Path.Combine(_directory, "agent.creds");
        var first = issuer.IssueUser(user.PublicKey, "agent-A", new(["renew.first"], ["renew.>"], false), TimeSpan.FromSeconds(5));
        await File.WriteAllTextAsync(path, NatsCredsFile.Format(first.Jwt, user.Seed));
        await using var admin = new NatsConnection(_nats.ClientOpts("admin"));
        await using var watcher = await admin.SubscribeCoreAsync<string>("renew.>").AsTask().WaitAsync(Timeout);
        await admin.PingAsync().AsTask().WaitAsync(Timeout);
        await using var connection = new NatsConnection(new NatsOpts { Url = _nats.Url, Name = "agent-A" }.WithCredsFile(path).WithPinnedCa(_nats.CaPath));
        var errors = new ServerErrors(connection);
        var expired = false;
        var reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ServerError += (_, e) =>
        {
            if (e.Kind == NatsServerErrorKind.AuthenticationExpired)
            {
                Volatile.Write(ref expired, true);
            }

            return ValueTask.CompletedTask;
        };
        connection.ConnectionOpened += (_, _) =>
        {
            if (Volatile.Read(ref expired))
            {
                reopened.TrySetResult();
            }

            return ValueTask.CompletedTask;
        };
        await connection.ConnectAsync().AsTask().WaitAsync(Timeout);

        // The renewed JWT may publish to renew.second; the first one may not.
        var renewed = issuer.IssueUser(user.PublicKey, "agent-A", new(["renew.second"], ["renew.>"], false), lifetime: null);
        await File.WriteAllTextAsync(path, NatsCredsFile.Format(renewed.Jwt, user.Seed));
        await errors.WaitForAsync(NatsServerErrorKind.AuthenticationExpired, timeout: Timeout);
        await reopened.Task.WaitAsync(Timeout);
        await connection.PublishAsync("renew.second", "renewed").AsTask().WaitAsync(Timeout);

        var message = await watcher.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("renew.second", message.Subject);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private NatsConnection Connect(string jwt, string seed) =>
        new(new NatsOpts { Url = _nats.Url, Name = "auth-test" }.WithUserCredential(jwt, seed).WithPinnedCa(_nats.CaPath));

    private async Task AssertRefusedAsync(string jwt, string seed)
    {
        await using var connection = Connect(jwt, seed);
        var errors = new ServerErrors(connection);

        var refused = await Assert.ThrowsAnyAsync<NatsException>(() => connection.ConnectAsync().AsTask().WaitAsync(Timeout));

        Assert.IsType<NatsServerException>(refused.InnerException);
        await errors.WaitForAsync(NatsServerErrorKind.AuthorizationViolation, "Authorization Violation");
    }
}
