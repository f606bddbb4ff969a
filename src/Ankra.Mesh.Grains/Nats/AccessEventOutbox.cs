using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
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
    /// <summary>The silo's meter (grain-side numbers of ours; Orleans' own are under <c>Microsoft.Orleans</c>).</summary>
    public const string MeterName = "Ankra.Mesh.Grains";

    private readonly ConcurrentDictionary<string, PendingEvent> _pending = new(StringComparer.Ordinal);

    // A doorbell, not a queue: one ring is enough because the dictionary holds the work (DropWrite loses nothing).
    private readonly Channel<bool> _doorbell = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Histogram<double>? _deliveryLag;
    private long _sequence;

    /// <param name="meters">Where the revocation-lag numbers go; none in unit tests that build an outbox by hand.</param>
    public AccessEventOutbox(IMeterFactory? meters = null)
    {
        if (meters is null)
        {
            return;
        }

        var meter = meters.Create(MeterName);
        // The silo's share of revocation lag: from a grant write handing its event over to the NATS server confirming it
        // (PONG). Edges act on the event within milliseconds of that; a lag of seconds means the bus was unreachable.
        _deliveryLag = meter.CreateHistogram<double>("ankra.mesh.access.event_delivery_lag", "s",
            "Time from an access change (revocation, grant, rotation) to its event being confirmed by NATS",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300] });
        meter.CreateObservableGauge("ankra.mesh.access.events_pending", () => Count, "{event}",
            "Access-changed events waiting for the bus (one per cluster)");
    }

    /// <summary>Events waiting for delivery (one per cluster).</summary>
    public int Count => _pending.Count;

    /// <inheritdoc />
    public ValueTask PublishAsync(string clusterId, long grantsVersion, CancellationToken cancellationToken = default)
    {
        // Each hand-over gets its own sequence: an event that arrives while an older one of the same cluster is on
        // the wire must stay pending, even when it carries the same grants version (a token rotation, an agent back online).
        var sequence = Interlocked.Increment(ref _sequence);
        // A merged event keeps the oldest hand-over time, so the lag of a change that waited is never understated (it is
        // overstated when that older change was already on the wire and only the newer one is still owed).
        _pending.AddOrUpdate(clusterId, new PendingEvent(grantsVersion, sequence, Stopwatch.GetTimestamp()),
            (_, queued) => new PendingEvent(Math.Max(queued.GrantsVersion, grantsVersion), sequence, queued.QueuedAt));
        _doorbell.Writer.TryWrite(true);
        return ValueTask.CompletedTask;
    }

    /// <summary>A snapshot of what is pending.</summary>
    public IReadOnlyList<KeyValuePair<string, PendingEvent>> Pending() => [.. _pending];

    /// <summary>Removes an event the server confirmed, unless a newer one of the same cluster replaced it meanwhile.</summary>
    public void Delivered(string clusterId, PendingEvent delivered)
    {
        if (_pending.TryRemove(KeyValuePair.Create(clusterId, delivered)) && delivered.QueuedAt != 0)
        {
            _deliveryLag?.Record(Stopwatch.GetElapsedTime(delivered.QueuedAt).TotalSeconds);
        }
    }

    /// <summary>Completes when an event was handed over since the last call.</summary>
    public async ValueTask WaitForEventsAsync(CancellationToken cancellationToken = default) => await _doorbell.Reader.ReadAsync(cancellationToken);
}
