using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.Testing.Tests;

public sealed class NatsClusterFixtureTests(NatsClusterFixture cluster) : IClassFixture<NatsClusterFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Start_PublishOnFirstServer_ReachesSubscriberOnThird()
    {
        await using var first = new NatsConnection(cluster.Servers[0].ClientOpts("on-first"));
        await using var third = new NatsConnection(cluster.Servers[2].ClientOpts("on-third"));
        await using var subscription = await third.SubscribeCoreAsync<string>("cluster.test").AsTask().WaitAsync(Timeout);
        await third.PingAsync().AsTask().WaitAsync(Timeout);
        await first.ConnectAsync().AsTask().WaitAsync(Timeout);
        Assert.NotEqual(first.ServerInfo!.Id, third.ServerInfo!.Id);

        // The subscription reaches the first server over the route a moment later: a request is answered only
        // once it has (until then the first server says "no responders"), so retry on that, not on a timer.
        var answer = Task.Run(async () =>
        {
            var message = await subscription.Msgs.ReadAsync();
            await message.ReplyAsync("from third");
            return message.Data;
        });
        using var deadline = new CancellationTokenSource(Timeout);
        var reply = await RequestUntilAnsweredAsync(first, "cluster.test", "hello", deadline.Token);

        Assert.Equal("hello", await answer.WaitAsync(Timeout));
        Assert.Equal("from third", reply);
    }

    [Fact]
    public async Task Kill_ServerOfConnectedClient_ClientReconnectsToAnotherByItself()
    {
        await using var client = new NatsConnection(cluster.ClientOpts("fail-over"));
        await client.ConnectAsync().AsTask().WaitAsync(Timeout);
        var killed = IndexOf(client.ServerInfo!.Port);
        // Events are raised asynchronously: the first connect's "opened" may still arrive, so count only one after a disconnect.
        var disconnected = false;
        var reopened = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ConnectionDisconnected += (_, _) =>
        {
            Volatile.Write(ref disconnected, true);
            return ValueTask.CompletedTask;
        };
        client.ConnectionOpened += (_, _) =>
        {
            if (Volatile.Read(ref disconnected))
            {
                reopened.TrySetResult();
            }

            return ValueTask.CompletedTask;
        };

        await cluster.KillAsync(killed).WaitAsync(Timeout);
        try
        {
            await reopened.Task.WaitAsync(Timeout);
            await client.PingAsync().AsTask().WaitAsync(Timeout);

            var now = IndexOf(client.ServerInfo!.Port);
            Assert.NotEqual(killed, now);
            Assert.NotNull(cluster.Servers[now].Process);
        }
        finally
        {
            await cluster.StartAsync(killed).WaitAsync(Timeout); // the other tests share the cluster
        }
    }

    private int IndexOf(int port) => cluster.Servers.ToList().FindIndex(server => server.Port == port);

    private static async Task<string?> RequestUntilAnsweredAsync(NatsConnection connection, string subject, string data, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return (await connection.RequestAsync<string, string>(subject, data, cancellationToken: cancellationToken)).Data;
            }
            catch (NatsNoRespondersException)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
            }
        }
    }
}
