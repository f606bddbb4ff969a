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
}
