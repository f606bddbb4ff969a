using Microsoft.Extensions.Options;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// Moves audit events from the buffer to the store in batches (up to <see cref="AuditOptions.BatchSize"/>, or what
/// arrived within <see cref="AuditOptions.FlushInterval"/>), off the request path. A failed write is retried with
/// backoff while the batch is held; meanwhile new events wait in the bounded buffer and, once it is full, are dropped
/// and counted there. Rows older than <see cref="AuditOptions.Retention"/> are deleted every sweep interval.
/// </summary>
internal sealed class AuditWriter(
    AuditBuffer buffer,
    IAuditStore store,
    AuditEnricher enricher,
    EdgeMetrics metrics,
    IOptions<AuditOptions> options,
    TimeProvider time,
    ILogger<AuditWriter> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownFlushTimeout = TimeSpan.FromSeconds(5);

    private readonly List<AuditEvent> _batch = new(options.Value.BatchSize);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        buffer.Complete();
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Durable)
        {
            GatewayAuditLog.Durable(logger, AuditSchema.Table, settings.Retention);
        }
        else
        {
            GatewayAuditLog.NotDurable(logger, settings.InMemoryCapacity);
        }

        var retention = SweepRetentionAsync(stoppingToken);
        try
        {
            while (await NextBatchAsync(stoppingToken))
            {
                await WriteAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: what is left is flushed below.
        }

        await FlushAtShutdownAsync();
        await retention;
    }

    /// <summary>Fills <see cref="_batch"/>: waits for a first event, then up to the flush interval for more.</summary>
    private async Task<bool> NextBatchAsync(CancellationToken stoppingToken)
    {
        var reader = buffer.Reader;
        if (!await reader.WaitToReadAsync(stoppingToken))
        {
            return false;
        }

        var size = options.Value.BatchSize;
        using var window = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        window.CancelAfter(options.Value.FlushInterval);
        while (true)
        {
            while (_batch.Count < size && reader.TryRead(out var entry))
            {
                _batch.Add(entry);
            }

            if (_batch.Count >= size)
            {
                return true;
            }

            try
            {
                if (!await reader.WaitToReadAsync(window.Token))
                {
                    return true;
                }
            }
            catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
            {
                return true;
            }
        }
    }

    private async Task WriteAsync(CancellationToken stoppingToken)
    {
        var enriched = await enricher.EnrichAsync(_batch);
        var delay = TimeSpan.FromMilliseconds(250);
        var failed = false;
        while (true)
        {
            try
            {
                await store.WriteAsync(enriched, stoppingToken);
                metrics.AuditEventsWritten(enriched.Count);
                if (failed)
                {
                    GatewayAuditLog.WriteRecovered(logger, enriched.Count);
                }

                _batch.Clear();
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                failed = true;
                GatewayAuditLog.WriteFailed(logger, enriched.Count, delay, exception);
                await Task.Delay(delay, time, stoppingToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxBackoff.Ticks));
            }
        }
    }

    /// <summary>One bounded attempt to store what is left; anything that cannot be stored is counted as dropped.</summary>
    private async Task FlushAtShutdownAsync()
    {
        while (buffer.Reader.TryRead(out var entry))
        {
            _batch.Add(entry);
        }

        if (_batch.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(ShutdownFlushTimeout);
        try
        {
            await store.WriteAsync(await enricher.EnrichAsync(_batch), timeout.Token);
            metrics.AuditEventsWritten(_batch.Count);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            metrics.AuditEventDropped(_batch.Count);
            GatewayAuditLog.LostAtShutdown(logger, _batch.Count);
        }

        _batch.Clear();
    }

    private async Task SweepRetentionAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RetentionSweepInterval, time);
        try
        {
            do
            {
                var cutoff = time.GetUtcNow() - options.Value.Retention;
                try
                {
                    var deleted = await store.DeleteOlderThanAsync(cutoff, stoppingToken);
                    if (deleted > 0)
                    {
                        GatewayAuditLog.RetentionDeleted(logger, deleted, cutoff);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    GatewayAuditLog.RetentionFailed(logger, exception);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
