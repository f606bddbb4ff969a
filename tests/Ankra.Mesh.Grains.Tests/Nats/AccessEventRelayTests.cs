using System.Diagnostics;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using NATS.Client.Core;
using Xunit.Abstractions;

namespace Ankra.Mesh.Grains.Tests.Nats;

/// <summary>
/// Access events are delivered at least once: one handed over while the silo's nats-server is down (killed by pid)
/// waits in the outbox and reaches a subscriber once the server is back.
/// </summary>
public sealed class AccessEventRelayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly NatsServerFixture _nats = new();

    public Task InitializeAsync() => _nats.InitializeAsync();

    public Task DisposeAsync() => _nats.DisposeAsync();

    [Fact]
    public async Task Publish_WhileNatsIsDown_ReturnsAtOnceAndIsDeliveredAfterTheServerReturns()
    {
        // The relay's connection comes back only after 5 s, so the subscriber below is surely subscribed by then.
        await using var silo = new NatsConnection(_nats.ClientOpts("silo") with { ReconnectWaitMin = TimeSpan.FromSeconds(5), ReconnectWaitMax = TimeSpan.FromSeconds(5) });
        await silo.ConnectAsync();
        var outbox = new AccessEventOutbox();
        using var relay = new AccessEventRelay(outbox, silo, NullLogger<AccessEventRelay>.Instance);
        await relay.StartAsync(CancellationToken.None);
        try
        {
            var lost = Disconnected(silo);
            await _nats.KillAsync();
            await lost.WaitAsync(Deadline);

            var clock = Stopwatch.StartNew();
            await outbox.PublishAsync("c-1", 42);
            var handedOverIn = clock.Elapsed;

            await _nats.StartAsync();
            await using var edge = new NatsConnection(_nats.ClientOpts("edge"));
            await using var events = await edge.SubscribeCoreAsync<string>(MeshSubjects.AllAccessEvents);
            await edge.PingAsync();
            var heard = await events.Msgs.ReadAsync().AsTask().WaitAsync(Deadline);
            output.WriteLine($"handed over in {handedOverIn.TotalMilliseconds:0.00} ms with NATS down; heard {clock.Elapsed.TotalSeconds:0.0} s after that");

            Assert.Equal(MeshSubjects.AccessChanged("c-1"), heard.Subject);
            Assert.Equal("42", heard.Data);
            // The outbox empties once the server's PONG confirmed the publish, just after the subscriber heard it.
            await UntilAsync(() => outbox.Count == 0);
        }
        finally
        {
            await relay.StopAsync(CancellationToken.None);
        }
    }

    private static Task Disconnected(NatsConnection connection)
    {
        var lost = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        connection.ConnectionDisconnected += (_, _) =>
        {
            lost.TrySetResult();
            return ValueTask.CompletedTask;
        };
        return lost.Task;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (!condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
