using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Edge.Tests.Fixtures;
using Ankra.Mesh.NatsAuth;
using Grpc.Core;
using NATS.Client.Core;

namespace Ankra.Mesh.Edge.Tests;

/// <summary>
/// Per-agent NATS credentials at the gRPC boundary: Register answers a user JWT for the key the agent
/// sent, bad or reused keys are refused with nothing stored, and renewal follows the session rules.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class AgentNatsCredentialTests(EmbeddedEdgeFixture fixture)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private AgentService.AgentServiceClient Agent => new(fixture.Edge.Channel);

    [Fact]
    public async Task Register_WithPublicKey_AnswersJwtForThatKeyExpiringWithinTheLifetime()
    {
        var (_, token) = await fixture.NewClusterAsync();
        using var key = NatsUserKeys.Create();
        var before = DateTimeOffset.UtcNow;
        var response = await RegisterAsync(token, "agent-0", key.PublicKey);

        Assert.False(string.IsNullOrEmpty(response.NatsCredential));
        Assert.Contains(key.PublicKey, JwtPayload(response.NatsCredential), StringComparison.Ordinal);
        var expires = response.NatsCredentialExpiresAt.ToDateTimeOffset();
        Assert.InRange(expires, before.AddMinutes(59), DateTimeOffset.UtcNow.AddMinutes(61));
    }

    [Theory]
    [InlineData("sub", "mesh.c.{other}.>")]
    [InlineData("sub", "mesh.c.*.open")]
    [InlineData("sub", "mesh.c.*.e.*")]
    [InlineData("sub", "mesh.events.access.{other}")]
    [InlineData("sub", ">")]
    [InlineData("sub", "_INBOX.>")]
    [InlineData("pub", "mesh.c.{other}.open")]
    [InlineData("pub", "mesh.events.access.{own}")]
    public async Task IssuedJwt_AnotherClustersSubjects_PermissionsViolationFromNatsServer(string operation, string pattern)
    {
        var (own, token) = await fixture.NewClusterAsync();
        var (other, _) = await fixture.NewClusterAsync();
        await using var nats = await ConnectAsAgentAsync(own, token);
        var violation = new TaskCompletionSource<NatsServerErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        nats.ServerError += (_, e) =>
        {
            violation.TrySetResult(e);
            return ValueTask.CompletedTask;
        };

        var subject = pattern.Replace("{other}", other, StringComparison.Ordinal).Replace("{own}", own, StringComparison.Ordinal);
        await using var subscription = operation == "sub" ? await nats.SubscribeCoreAsync<string>(subject) : null;
        if (operation == "pub")
        {
            await nats.PublishAsync(subject, "x");
        }

        await nats.PingAsync();
        var error = await violation.Task.WaitAsync(Timeout);
        Assert.Equal(NatsServerErrorKind.PermissionsViolation, error.Kind);
        Assert.Contains($"\"{subject}\"", error.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IssuedJwt_OwnClusterSubjects_PublishSubscribeAndAccessEventsWork()
    {
        var (own, token) = await fixture.NewClusterAsync();
        await using var nats = await ConnectAsAgentAsync(own, token);
        var errors = new List<string>();
        nats.ServerError += (_, e) =>
        {
            errors.Add(e.Error);
            return ValueTask.CompletedTask;
        };

        await using var frames = await nats.SubscribeCoreAsync<string>($"mesh.c.{own}.s.x.in");
        await using var events = await nats.SubscribeCoreAsync<string>($"mesh.events.access.{own}");
        await nats.PublishAsync($"mesh.c.{own}.s.x.in", "frame");
        Assert.Equal("frame", (await frames.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        await nats.PingAsync();
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-key")]
    [InlineData("SUAMK2FG4MI6UE3ACF3FK3OIQBCEIEZV7NSWFFEW63UXMRLFM2XLAXK4GY")]
    public async Task Register_MissingOrMalformedKey_InvalidArgumentAndNothingStored(string publicKey)
    {
        var (clusterId, token) = await fixture.NewClusterAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(token, "agent-0", publicKey));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("nats_public_key", error.Status.Detail, StringComparison.Ordinal);

        var cluster = await fixture.Admin.Client.GetApiAsync($"/api/v1/clusters/{clusterId}");
        Assert.NotEqual("online", cluster.Str("state"));
    }

    [Fact]
    public async Task Register_AccountKeyInsteadOfUserKey_InvalidArgument()
    {
        var (_, token) = await fixture.NewClusterAsync();
        var error = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(token, "agent-0", NatsKeySet.Generate().MeshAccountPublicKey));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task Register_ReusedKey_InvalidArgumentAndTheFirstSessionLives()
    {
        var (_, token) = await fixture.NewClusterAsync();
        using var key = NatsUserKeys.Create();
        var first = await RegisterAsync(token, "agent-0", key.PublicKey);

        var again = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(token, "agent-0", key.PublicKey));
        Assert.Equal(StatusCode.InvalidArgument, again.StatusCode);
        var other = await Assert.ThrowsAsync<RpcException>(() => RegisterAsync(token, "agent-1", key.PublicKey));
        Assert.Equal(StatusCode.InvalidArgument, other.StatusCode);

        // Nothing was stored: the first session was not fenced by the refused registrations.
        await Agent.CheckInAsync(new CheckInRequest { SessionId = first.SessionId, ReplicaId = "agent-0" }, Metadata(token), DateTime.UtcNow.Add(Timeout));
    }

    [Fact]
    public async Task Renew_LiveSession_NewJwtForTheSameKey()
    {
        var (_, token) = await fixture.NewClusterAsync();
        using var key = NatsUserKeys.Create();
        var session = await RegisterAsync(token, "agent-0", key.PublicKey);

        var renewed = await RenewAsync(token, session.SessionId, "agent-0");
        Assert.Contains(key.PublicKey, JwtPayload(renewed.Jwt), StringComparison.Ordinal);
        Assert.True(renewed.ExpiresAt.ToDateTimeOffset() >= session.NatsCredentialExpiresAt.ToDateTimeOffset());
    }

    [Fact]
    public async Task Renew_RotatedTokenOrFencedSession_Refused()
    {
        var (clusterId, token) = await fixture.NewClusterAsync();
        using var first = NatsUserKeys.Create();
        var fenced = await RegisterAsync(token, "agent-0", first.PublicKey);
        using var second = NatsUserKeys.Create();
        var current = await RegisterAsync(token, "agent-0", second.PublicKey);
        Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => RenewAsync(token, fenced.SessionId, "agent-0"))).StatusCode);

        await fixture.Admin.Client.PostApiAsync($"/api/v1/clusters/{clusterId}/agent-token/rotate");
        Assert.Equal(StatusCode.Unauthenticated, (await Assert.ThrowsAsync<RpcException>(() => RenewAsync(token, current.SessionId, "agent-0"))).StatusCode);
    }

    /// <summary>Registers an agent replica of <paramref name="clusterId"/> and connects to NATS with the JWT the edge issued.</summary>
    private async Task<NatsConnection> ConnectAsAgentAsync(string clusterId, string token)
    {
        var key = NatsUserKeys.Create();
        var registered = await RegisterAsync(token, "agent-0", key.PublicKey);
        var nats = new NatsConnection(new NatsOpts
        {
            Url = fixture.Nats.Url,
            Name = $"agent-of-{clusterId}",
            InboxPrefix = $"mesh.c.{clusterId}._INBOX",
        }.WithPinnedCa(fixture.Nats.CaPath).WithUserCredential(registered.NatsCredential, key.Seed));
        key.Dispose();
        await nats.ConnectAsync();
        return nats;
    }

    private Task<RegisterResponse> RegisterAsync(string token, string replicaId, string publicKey) =>
        Agent.RegisterAsync(new RegisterRequest { RegistrationToken = token, ReplicaId = replicaId, AgentVersion = "1.2.3", NatsPublicKey = publicKey },
            deadline: DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);

    private Task<NatsCredential> RenewAsync(string token, string sessionId, string replicaId) =>
        Agent.RenewNatsCredentialAsync(new RenewNatsCredentialRequest { SessionId = sessionId, ReplicaId = replicaId }, Metadata(token),
            DateTime.UtcNow.Add(Timeout)).ResponseAsync.WaitAsync(Timeout);

    private static string JwtPayload(string jwt)
    {
        var payload = jwt.Split('.')[1].Replace('-', '+').Replace('_', '/');
        return System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(payload.PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')));
    }

    private static Metadata Metadata(string token) => new() { { "authorization", $"Bearer {token}" } };
}
