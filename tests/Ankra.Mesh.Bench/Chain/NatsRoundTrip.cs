using System.Diagnostics;
using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// The bus's floor for one request: a small NATS request answered at once by a responder on another connection,
/// through the stack's own nats-server with the same TLS and JWT users as the edge and the agent. Every mesh request
/// crosses the bus at least once each way, so no mesh round trip can be faster than this one, and no mesh req/s on
/// these two cores can exceed what the bus alone manages.
/// </summary>
internal static class NatsRoundTrip
{
    private const int PayloadBytes = 1024;

    /// <summary>Latencies (ms) of requests sent one at a time for <paramref name="phase"/>, and req/s at 32 concurrent for as long.</summary>
    public static async Task<(List<double> LatenciesMs, double Rps)> MeasureAsync(NatsServerFixture nats, TimeSpan phase, CancellationToken cancellationToken = default)
    {
        await using var requester = new NatsConnection(nats.ClientOpts("bench-nats-requester"));
        await using var responder = new NatsConnection(nats.ClientOpts("bench-nats-responder"));
        var subject = $"bench.rtt.{Guid.NewGuid():N}";
        var payload = new byte[PayloadBytes];
        await using var subscription = await responder.SubscribeCoreAsync<ReadOnlyMemory<byte>>(subject, cancellationToken: cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var serve = Task.Run(async () =>
        {
            try
            {
                await foreach (var message in subscription.Msgs.ReadAllAsync(stop.Token))
                {
                    await message.ReplyAsync((ReadOnlyMemory<byte>)payload, cancellationToken: stop.Token);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
            }
        }, CancellationToken.None);
        await responder.PingAsync(cancellationToken);
        await requester.ConnectAsync();

        var latencies = new List<double>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < phase)
        {
            var started = Stopwatch.GetTimestamp();
            await requester.RequestAsync<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(subject, payload, cancellationToken: cancellationToken);
            latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        long completed = 0;
        clock.Restart();
        await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(async () =>
        {
            while (clock.Elapsed < phase)
            {
                await requester.RequestAsync<ReadOnlyMemory<byte>, ReadOnlyMemory<byte>>(subject, payload, cancellationToken: cancellationToken);
                Interlocked.Increment(ref completed);
            }
        }, cancellationToken)));
        var rps = completed / clock.Elapsed.TotalSeconds;

        await stop.CancelAsync();
        await serve;
        return (latencies, rps);
    }
}
