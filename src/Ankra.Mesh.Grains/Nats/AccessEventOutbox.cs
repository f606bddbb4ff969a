using System.Collections.Concurrent;
using System.Threading.Channels;

namespace Ankra.Mesh.Grains;

/// <summary>
/// This silo's access-changed events that are not confirmed by the NATS server yet. A grain's write hands its
/// event over and returns at once — it never waits for the bus (a publish on a disconnected connection waits for
/// the reconnect, which made grant writes hang for a minute without NATS); <see cref="AccessEventRelay"/> delivers
/// them at least once. One entry per cluster: "access to this cluster changed" needs saying once, so a burst
/// collapses, and the outbox is bounded by the clusters this silo hosts however long the bus is gone.
/// </summary>
internal sealed class AccessEventOutbox : IAccessEventPublisher
{
    private readonly ConcurrentDictionary<string, PendingEvent> _pending = new(StringComparer.Ordinal);

    // A doorbell, not a queue: one ring is enough because the dictionary holds the work (DropWrite loses nothing).
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private long _sequence;

    /// <summary>Events waiting for delivery (one per cluster).</summary>
    public int Count => _pending.Count;

    /// <inheritdoc />
    public ValueTask PublishAsync(string clusterId, long grantsVersion, CancellationToken cancellationToken = default)
    {
        // Each hand-over gets its own sequence: an event that arrives while an older one of the same cluster is on
        // the wire must stay pending, even when it carries the same grants version (a token rotation, an agent back online).
        var sequence = Interlocked.Increment(ref _sequence);
        _pending.AddOrUpdate(clusterId, new PendingEvent(grantsVersion, sequence),
            (_, queued) => new PendingEvent(Math.Max(queued.GrantsVersion, grantsVersion), sequence));
        _doorbell.Writer.TryWrite(true);
        return ValueTask.CompletedTask;
    }

    /// <summary>A snapshot of what is pending.</summary>
    public IReadOnlyList<KeyValuePair<string, PendingEvent>> Pending() => [.. _pending];

    /// <summary>Removes an event the server confirmed, unless a newer one of the same cluster replaced it meanwhile.</summary>
    public void Delivered(string clusterId, PendingEvent delivered) => _pending.TryRemove(KeyValuePair.Create(clusterId, delivered));

    /// <summary>Completes when an event was handed over since the last call.</summary>
    public async ValueTask WaitForEventsAsync(CancellationToken cancellationToken = default) => await _doorbell.Reader.ReadAsync(cancellationToken);
}
