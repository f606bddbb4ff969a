using System.Threading.Channels;

namespace Ankra.Mesh.Edge.Audit;

/// <summary>
/// The only thing the request path touches: a bounded channel that never blocks. When it is full (the database is
/// slow or down and <see cref="AuditOptions.BufferCapacity"/> events already wait), the new event is dropped, counted
/// in <c>ankra.mesh.audit.events_dropped</c> and reported in the log at most every <see cref="ReportInterval"/>.
/// </summary>
internal sealed class AuditBuffer
{
    private static readonly TimeSpan ReportInterval = TimeSpan.FromSeconds(10);

    private readonly Channel<AuditEvent> _channel;
    private readonly EdgeMetrics _metrics;
    private readonly ILogger<AuditBuffer> _logger;
    private readonly TimeProvider _time;
    private readonly int _capacity;
    private long _droppedSinceReport;
    private long _lastReport;

    public AuditBuffer(Microsoft.Extensions.Options.IOptions<AuditOptions> options, EdgeMetrics metrics, ILogger<AuditBuffer> logger, TimeProvider time)
    {
        _capacity = options.Value.BufferCapacity;
        // Wait mode makes TryWrite answer false when full instead of dropping silently: the drop must be counted.
        _channel = Channel.CreateBounded<AuditEvent>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
        });
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _lastReport = time.GetTimestamp() - (long)(ReportInterval.TotalSeconds * time.TimestampFrequency);
    }

    public ChannelReader<AuditEvent> Reader => _channel.Reader;

    /// <summary>Queues an event for the writer; never waits.</summary>
    public void Add(AuditEvent entry)
    {
        if (_channel.Writer.TryWrite(entry))
        {
            return;
        }

        _metrics.AuditEventDropped();
        Interlocked.Increment(ref _droppedSinceReport);
        var last = Interlocked.Read(ref _lastReport);
        var now = _time.GetTimestamp();
        if (_time.GetElapsedTime(last, now) >= ReportInterval && Interlocked.CompareExchange(ref _lastReport, now, last) == last)
        {
            GatewayAuditLog.EventsDropped(_logger, _capacity, Interlocked.Exchange(ref _droppedSinceReport, 0));
        }
    }

    /// <summary>Stops accepting events (shutdown); the writer drains what is left.</summary>
    public void Complete() => _channel.Writer.TryComplete();
}
