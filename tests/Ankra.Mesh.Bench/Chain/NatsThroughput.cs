using System.Diagnostics;
using System.Threading.Channels;
using Ankra.Mesh.Testing;
using NATS.Client.Core;

namespace Ankra.Mesh.Bench.Chain;

/// <summary>
/// The bus alone: 64 KiB messages published on one connection to a subscriber on another, through the
/// stack's own nats-server — the ceiling any tunnelled bulk transfer could reach.
/// </summary>
internal static class NatsThroughput
{
    private const int MessageBytes = 64 * 1024;

    /// <summary>Returns MB/s (10^6 bytes) of payload the subscriber received; throws if messages went missing.</summary>
    /// <remarks>Clients connect as <paramref name="nats"/> issues them (JWT user and TLS when it is secure, as the edge and agent do).</remarks>
    public static async Task<double> MeasureAsync(NatsServerFixture nats, long totalBytes, CancellationToken cancellationToken = default)
    {
        // Wait, not the default DropNewest: a slow subscriber must slow the publisher, not lose messages.
        await using var publisher = new NatsConnection(nats.ClientOpts("bench-nats-pub") with { SubPendingChannelFullMode = BoundedChannelFullMode.Wait });
        await using var subscriber = new NatsConnection(nats.ClientOpts("bench-nats-sub") with { SubPendingChannelFullMode = BoundedChannelFullMode.Wait });
        var subject = $"bench.raw.{Guid.NewGuid():N}";
        var count = (int)(totalBytes / MessageBytes);
        await using var subscription = await subscriber.SubscribeCoreAsync<ReadOnlyMemory<byte>>(subject, cancellationToken: cancellationToken);
        await subscriber.PingAsync(cancellationToken);
        await publisher.ConnectAsync();

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var payload = new byte[MessageBytes];
        var clock = Stopwatch.StartNew();
        var receive = Task.Run(async () =>
        {
            long received = 0;
            var messages = 0;
            await foreach (var message in subscription.Msgs.ReadAllAsync(timeout.Token))
            {
                received += message.Data.Length;
                if (++messages == count)
                {
                    break;
                }
            }

            return received;
        }, timeout.Token);
        for (var i = 0; i < count; i++)
        {
            await publisher.PublishAsync(subject, (ReadOnlyMemory<byte>)payload, cancellationToken: timeout.Token);
        }

        var bytes = await receive;
        var seconds = clock.Elapsed.TotalSeconds;
        return bytes == (long)count * MessageBytes ? bytes / 1e6 / seconds : throw new InvalidOperationException($"raw NATS: received {bytes} of {(long)count * MessageBytes} bytes");
    }
}
