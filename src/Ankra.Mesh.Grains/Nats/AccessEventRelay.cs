using System.Globalization;
using Ankra.Mesh.Contracts.Subjects;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Ankra.Mesh.Grains;

/// <summary>
/// Delivers <see cref="AccessEventOutbox"/>'s events at least once. It publishes every pending cluster's event and
/// then a PING: the server answers PONG only after it has processed everything sent before it on this connection,
/// so the PONG confirms the batch and only then does it leave the outbox. No connection, a timeout or an error
/// keeps the batch and retries it with backoff (200 ms doubling to 5 s) until the bus is back — a retry may
/// announce a change twice, which only costs edges a cache refill.
/// <para>What it cannot confirm is the subscribers' side: core NATS does not redeliver to an edge that was
/// disconnected at that moment, and a server that refuses the publish (a permission violation) answers with an
/// asynchronous -ERR, logged here as an error. Edges therefore drop all cached decisions whenever they reconnect
/// and re-check their live requests every half decision-cache TTL, which bounds revocation without any event.</para>
/// </summary>
internal sealed class AccessEventRelay(AccessEventOutbox outbox, INatsConnection nats, ILogger<AccessEventRelay> logger) : BackgroundService
{
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxRetry = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        nats.ServerError += OnServerErrorAsync;
        try
        {
            var retry = TimeSpan.Zero;
            var failures = 0;
            while (true)
            {
                var batch = outbox.Pending();
                try
                {
                    await DeliverAsync(batch, stoppingToken);
                    if (failures > 0 && batch.Count > 0)
                    {
                        GrainsLog.AccessEventsDelivered(logger, batch.Count, failures);
                    }

                    (retry, failures) = (TimeSpan.Zero, 0);
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested
                    && exception is NatsException or TimeoutException or OperationCanceledException)
                {
                    retry = retry == TimeSpan.Zero ? FirstRetry : TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, MaxRetry.Ticks));
                    failures++;
                    if (batch.Count > 0)
                    {
                        GrainsLog.AccessEventsRetrying(logger, batch.Count, retry.TotalMilliseconds, exception);
                    }
                }

                if (retry == TimeSpan.Zero)
                {
                    await outbox.WaitForEventsAsync(stoppingToken);
                }
                else
                {
                    await Task.Delay(retry, stoppingToken);
                }
            }
        }
        catch (Exception exception) when (stoppingToken.IsCancellationRequested
            && exception is OperationCanceledException or NatsException or TimeoutException)
        {
            if (outbox.Count > 0)
            {
                GrainsLog.AccessEventsUndelivered(logger, outbox.Count);
            }
        }
        finally
        {
            nats.ServerError -= OnServerErrorAsync;
        }
    }

    private async Task DeliverAsync(IReadOnlyList<KeyValuePair<string, PendingEvent>> batch, CancellationToken stoppingToken)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        attempt.CancelAfter(AttemptTimeout);

        // Connects on the first round (with nothing to send), so the silo's readiness reports the bus from the start.
        await nats.ConnectAsync().AsTask().WaitAsync(attempt.Token);
        foreach (var (clusterId, pending) in batch)
        {
            await nats.PublishAsync(MeshSubjects.AccessChanged(clusterId), pending.GrantsVersion.ToString(CultureInfo.InvariantCulture),
                cancellationToken: attempt.Token);
        }

        await nats.PingAsync(attempt.Token);
        foreach (var (clusterId, pending) in batch)
        {
            outbox.Delivered(clusterId, pending);
        }
    }

    private ValueTask OnServerErrorAsync(object? sender, NatsServerErrorEventArgs args)
    {
        if (args.Error.Contains("Permissions Violation for Publish", StringComparison.OrdinalIgnoreCase)
            && args.Error.Contains(MeshSubjects.AccessEventsPrefix, StringComparison.Ordinal))
        {
            GrainsLog.AccessEventRefused(logger, args.Error);
        }

        return ValueTask.CompletedTask;
    }
}
