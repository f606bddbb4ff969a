using System.Diagnostics;
using System.Threading.Channels;
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
    public static async Task<double> MeasureAsync(string url, long totalBytes, CancellationToken cancellationToken = default)
    {
        // Wait, not the default DropNewest: a slow subscriber must slow the publisher, not lose messages.
        var options = new NatsOpts { Url = url, SubPendingChannelFullMode = BoundedChannelFullMode.Wait };
        await using var publisher = new NatsConnection(options with { Name = "bench-nats-pub" });
        await using var subscriber = new NatsConnection(options with { Name = "bench-nats-sub" });
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
