using Ankra.Mesh.NatsAuth;
using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.Testing.Tests;

public sealed class NatsServerFixtureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Start_PublishThenSubscribe_MessageRoundTrips()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture());
        await fixture.StartAsync();
        await using var nats = new NatsConnection(fixture.Value.ClientOpts("fixture-test"));
        await nats.ConnectAsync().AsTask().WaitAsync(Timeout);

        await using var subscription = await nats.SubscribeCoreAsync<string>("fixture.test").AsTask().WaitAsync(Timeout);
        await nats.PingAsync().AsTask().WaitAsync(Timeout); // the server has registered the subscription
        await nats.PublishAsync("fixture.test", "hello").AsTask().WaitAsync(Timeout);

        var message = await subscription.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("hello", message.Data);
    }

    [Fact]
    public async Task Start_ConfigFile_SetsMaxPayloadTheServerAnnounces()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture(maxPayload: 256 * 1024));
        await fixture.StartAsync();
        await using var nats = new NatsConnection(fixture.Value.ClientOpts("fixture-test"));
        await nats.ConnectAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(256 * 1024, nats.ServerInfo!.MaxPayload);
    }

    [Fact]
    public async Task Dispose_RunningServer_ProcessNoLongerExists()
    {
        var fixture = new NatsServerFixture();
        await fixture.InitializeAsync();
        var pid = fixture.Process!.Id;
        Assert.True(UnixSignal.IsAlive(pid));

        await fixture.DisposeAsync();

        Assert.False(UnixSignal.IsAlive(pid), $"nats-server pid {pid} survived disposal");
    }

    [Fact]
    public async Task Restart_ConnectedClient_ReconnectsToNewProcess()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture());
        await fixture.StartAsync();
        await using var nats = new NatsConnection(fixture.Value.ClientOpts("fixture-test"));
        await nats.ConnectAsync().AsTask().WaitAsync(Timeout);
        var firstPid = fixture.Value.Process!.Id;

        await fixture.Value.RestartAsync().WaitAsync(Timeout);

        Assert.NotEqual(firstPid, fixture.Value.Process!.Id);
        Assert.False(UnixSignal.IsAlive(firstPid));
        await nats.PingAsync().AsTask().WaitAsync(Timeout); // waits through the reconnect
    }

    [Fact]
    public async Task Start_Default_TlsUrlAndAnonymousClientRefused()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture());
        await fixture.StartAsync();
        await using var anonymous = new NatsConnection(new NatsOpts { Url = fixture.Value.Url }.WithPinnedCa(fixture.Value.CaPath));

        var refused = await Assert.ThrowsAnyAsync<NatsException>(() => anonymous.ConnectAsync().AsTask().WaitAsync(Timeout));

        Assert.StartsWith("tls://127.0.0.1:", fixture.Value.Url, StringComparison.Ordinal);
        Assert.Contains("Authorization Violation", refused.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insecure_AnonymousPlainTextClient_Connects()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(NatsServerFixture.Insecure());
        await fixture.StartAsync();
        await using var nats = new NatsConnection(new NatsOpts { Url = fixture.Value.Url });

        await nats.ConnectAsync().AsTask().WaitAsync(Timeout);

        Assert.StartsWith("nats://127.0.0.1:", fixture.Value.Url, StringComparison.Ordinal);
        Assert.False(nats.ServerInfo!.TlsRequired);
        Assert.Null(fixture.Value.Keys);
    }

    [Fact]
    public async Task Start_WebSocket_WssClientRoundTrips()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture(new NatsServerFixtureOptions { WebSocket = true }));
        await fixture.StartAsync();
        await using var nats = new NatsConnection(fixture.Value.ClientOpts(fixture.Value.WebSocketUrl, "wss-test", permissions: null));

        await using var subscription = await nats.SubscribeCoreAsync<string>("fixture.ws").AsTask().WaitAsync(Timeout);
        await nats.PingAsync().AsTask().WaitAsync(Timeout);
        await nats.PublishAsync("fixture.ws", "over wss").AsTask().WaitAsync(Timeout);

        Assert.StartsWith("wss://127.0.0.1:", fixture.Value.WebSocketUrl, StringComparison.Ordinal);
        Assert.Equal("over wss", (await subscription.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
    }

    [Fact]
    public async Task ClientOpts_Permissions_AppliedByServer()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture());
        await fixture.StartAsync();
        // The client subscribes {InboxPrefix}.{nuid}.* on connect; the default _INBOX would itself be a violation.
        var narrow = new NatsPermissions(["allowed.>"], ["allowed.>"], AllowResponses: false);
        await using var nats = new NatsConnection(fixture.Value.ClientOpts("narrow", narrow) with { InboxPrefix = "allowed._INBOX" });
        var violation = new TaskCompletionSource<NatsServerErrorEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        nats.ServerError += (_, e) =>
        {
            violation.TrySetResult(e);
            return ValueTask.CompletedTask;
        };
        await nats.ConnectAsync().AsTask().WaitAsync(Timeout);

        await nats.PublishAsync("forbidden.subject", "x").AsTask().WaitAsync(Timeout);

        var error = await violation.Task.WaitAsync(Timeout);
        Assert.Equal(NatsServerErrorKind.PermissionsViolation, error.Kind);
        Assert.Equal("Permissions Violation for Publish to \"forbidden.subject\"", error.Error);
    }

    [Fact]
    public async Task WriteCredsFile_ClientUsingFile_ConnectsAndFileIsOwnerOnly()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture());
        await fixture.StartAsync();

        var path = fixture.Value.WriteCredsFile("other-process");
        await using var nats = new NatsConnection(new NatsOpts { Url = fixture.Value.Url }.WithCredsFile(path).WithPinnedCa(fixture.Value.CaPath));
        await nats.ConnectAsync().AsTask().WaitAsync(Timeout);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
    }

    [Fact]
    public async Task KillThenStart_ConnectedClient_ReconnectsToNewProcess()
    {
        await using var fixture = new FixtureScope<NatsServerFixture>(new NatsServerFixture());
        await fixture.StartAsync();
        await using var nats = new NatsConnection(fixture.Value.ClientOpts("fixture-test"));
        await nats.ConnectAsync().AsTask().WaitAsync(Timeout);
        var firstPid = fixture.Value.Process!.Id;

        await fixture.Value.KillAsync().WaitAsync(Timeout);
        Assert.Null(fixture.Value.Process);
        Assert.False(UnixSignal.IsAlive(firstPid));
        await fixture.Value.StartAsync().WaitAsync(Timeout);

        await nats.PingAsync().AsTask().WaitAsync(Timeout); // waits through the reconnect, with the same JWT
        Assert.NotEqual(firstPid, fixture.Value.Process!.Id);
    }
}
