using Ankra.Mesh.NatsAuth.Tests.Infrastructure;
using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.NatsAuth.Tests;

/// <summary>
/// An agent of cluster A, with the permissions the control plane gives it, against a real nats-server in
/// operator mode: its own subjects work, everything of another cluster is refused with a Permissions
/// Violation (NATS.Client.Core raises <see cref="NatsConnection.ServerError"/> with
/// <see cref="NatsServerErrorKind.PermissionsViolation"/>; the connection stays open).
/// </summary>
public sealed class PermissionTests(SecureNatsServer server) : IClassFixture<SecureNatsServer>
{
    private readonly NatsServerFixture _nats = server.Server;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Agent_OwnSubjects_PublishesSubscribesAndAnswersRequest()
    {
        await using var admin = new NatsConnection(_nats.ClientOpts("admin"));
        await using var agent = Agent("A");
        var errors = new ServerErrors(agent);
        await using var frames = await agent.SubscribeCoreAsync<string>("mesh.c.A.>").AsTask().WaitAsync(Timeout);
        await using var events = await agent.SubscribeCoreAsync<string>("mesh.events.access.A").AsTask().WaitAsync(Timeout);
        await using var edge = await admin.SubscribeCoreAsync<string>("mesh.c.A.s.1.e").AsTask().WaitAsync(Timeout);
        await agent.PingAsync().AsTask().WaitAsync(Timeout);
        await admin.PingAsync().AsTask().WaitAsync(Timeout);

        await admin.PublishAsync("mesh.events.access.A", "changed").AsTask().WaitAsync(Timeout);
        Assert.Equal("changed", (await events.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);

        await agent.PublishAsync("mesh.c.A.s.1.e", "frame").AsTask().WaitAsync(Timeout);
        Assert.Equal("frame", (await edge.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        Assert.Equal("mesh.c.A.s.1.e", (await frames.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Subject); // its own, echoed

        var reply = admin.RequestAsync<string, string>("mesh.c.A.open", "open?").AsTask();
        var request = await frames.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("mesh.c.A.open", request.Subject);
        await request.ReplyAsync("accepted").AsTask().WaitAsync(Timeout);
        Assert.Equal("accepted", (await reply.WaitAsync(Timeout)).Data);

        await agent.PingAsync().AsTask().WaitAsync(Timeout); // any -ERR for the above has arrived by now
        Assert.Empty(errors.Drain());
    }

    [Theory]
    [InlineData("mesh.c.B.>")]
    [InlineData("mesh.c.*.open")]
    [InlineData("mesh.c.*.e.*")]
    [InlineData("mesh.events.access.B")]
    [InlineData(">")]
    public async Task Agent_SubscribeBeyondOwnCluster_PermissionsViolationAndNothingDelivered(string subject)
    {
        await using var admin = new NatsConnection(_nats.ClientOpts("admin"));
        await using var agent = Agent("A");
        var errors = new ServerErrors(agent);
        await using var own = await agent.SubscribeCoreAsync<string>("mesh.c.A.marker").AsTask().WaitAsync(Timeout);

        await using var denied = await agent.SubscribeCoreAsync<string>(subject).AsTask().WaitAsync(Timeout);

        await errors.WaitForAsync(NatsServerErrorKind.PermissionsViolation, $"Permissions Violation for Subscription to \"{subject}\"");
        // A message for cluster B, then one for A: the agent's socket carries them in that order, so once the
        // marker has arrived, anything delivered to the denied subscription would already be queued.
        await admin.PublishAsync(Concrete(subject), "for B").AsTask().WaitAsync(Timeout);
        await admin.PublishAsync("mesh.c.A.marker", "marker").AsTask().WaitAsync(Timeout);
        Assert.Equal("marker", (await own.Msgs.ReadAsync().AsTask().WaitAsync(Timeout)).Data);
        Assert.False(denied.Msgs.TryRead(out var leaked), $"the agent received {leaked.Subject}");
    }

    [Fact]
    public async Task Agent_PublishToOtherCluster_PermissionsViolationAndNothingDelivered()
    {
        await using var admin = new NatsConnection(_nats.ClientOpts("admin"));
        await using var agent = Agent("A");
        var errors = new ServerErrors(agent);
        await using var watcher = await admin.SubscribeCoreAsync<string>("mesh.c.>").AsTask().WaitAsync(Timeout);
        await admin.PingAsync().AsTask().WaitAsync(Timeout);

        await agent.PublishAsync("mesh.c.B.open", "hijack").AsTask().WaitAsync(Timeout);
        await agent.PublishAsync("mesh.c.A.marker", "marker").AsTask().WaitAsync(Timeout);

        await errors.WaitForAsync(NatsServerErrorKind.PermissionsViolation, "Permissions Violation for Publish to \"mesh.c.B.open\"");
        var first = await watcher.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        Assert.Equal("mesh.c.A.marker", first.Subject); // the server dropped the one for B
    }

    [Fact]
    public async Task Agent_SecondReplyToOneRequest_PermissionsViolation()
    {
        await using var admin = new NatsConnection(_nats.ClientOpts("admin"));
        await using var agent = Agent("A");
        var errors = new ServerErrors(agent);
        await using var opens = await agent.SubscribeCoreAsync<string>("mesh.c.A.open").AsTask().WaitAsync(Timeout);
        await agent.PingAsync().AsTask().WaitAsync(Timeout);

        var reply = admin.RequestAsync<string, string>("mesh.c.A.open", "open?").AsTask();
        var request = await opens.Msgs.ReadAsync().AsTask().WaitAsync(Timeout);
        await request.ReplyAsync("first").AsTask().WaitAsync(Timeout);
        await request.ReplyAsync("second").AsTask().WaitAsync(Timeout);

        Assert.Equal("first", (await reply.WaitAsync(Timeout)).Data);
        await errors.WaitForAsync(NatsServerErrorKind.PermissionsViolation, $"Permissions Violation for Publish to \"{request.ReplyTo}\"");
    }

    [Fact]
    public async Task User_EmptyPublishAllowList_MayPublishNothing()
    {
        await using var silo = new NatsConnection(_nats.ClientOpts("subscribe-only", new NatsPermissions([], ["mesh.events.access.*"], AllowResponses: false)));
        var errors = new ServerErrors(silo);
        await silo.ConnectAsync().AsTask().WaitAsync(Timeout);

        await silo.PublishAsync("anything.at.all", "x").AsTask().WaitAsync(Timeout);

        await errors.WaitForAsync(NatsServerErrorKind.PermissionsViolation, "Permissions Violation for Publish to \"anything.at.all\"");
    }

    /// <summary>
    /// An agent connection as the control plane would configure it. Its inbox sits under its own cluster's
    /// subjects: NATS.Client.Core subscribes <c>{InboxPrefix}.{nuid}.*</c> on every connect, and the default
    /// <c>_INBOX</c> is outside an agent's permissions.
    /// </summary>
    private NatsConnection Agent(string cluster)
    {
        var permissions = new NatsPermissions([$"mesh.c.{cluster}.>"], [$"mesh.c.{cluster}.>", $"mesh.events.access.{cluster}"], AllowResponses: true);
        return new NatsConnection(_nats.ClientOpts($"agent-{cluster}", permissions) with { InboxPrefix = $"mesh.c.{cluster}._INBOX" });
    }

    /// <summary>A subject matching <paramref name="pattern"/> (wildcards filled in with cluster B's values).</summary>
    private static string Concrete(string pattern) => pattern switch
    {
        ">" => "mesh.c.B.open",
        _ => pattern.Replace(">", "x", StringComparison.Ordinal).Replace("*", "B", StringComparison.Ordinal),
    };
}
