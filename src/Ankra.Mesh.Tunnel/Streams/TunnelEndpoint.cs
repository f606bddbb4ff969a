using System.Collections.Concurrent;
using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;
using Microsoft.Extensions.Logging;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>
/// What one side holds for all its streams: the NATS connection, the table of live streams, the frame
/// dispatcher and the keepalive sweeper. Used by the edge handler and by the agent server alike.
/// </summary>
internal sealed partial class TunnelEndpoint : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TunnelStream> _streams = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private readonly RecentlyClosedStreams _recentlyClosed;
    private long _peakBuffered;
    private TaskCompletionSource _emptied = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _disposed;

    public TunnelEndpoint(INatsConnection connection, TunnelOptions options, TunnelSide side, ILogger logger, INatsConnection? bulkConnection = null)
    {
        Connection = connection;
        BulkConnection = options.BulkLaneThreshold > 0 ? bulkConnection : null;
        Options = options;
        Side = side;
        Logger = logger;
        SideTag = new("side", side == TunnelSide.Edge ? "edge" : "agent");
        // A peer's late frame arrives within its own idle timeout at the latest; twice that is ample.
        _recentlyClosed = new RecentlyClosedStreams(RecentlyClosedCapacity, options.IdleTimeout * 2);
    }

    /// <summary>How many closed stream ids each side keeps in mind (about 100 bytes each).</summary>
    internal const int RecentlyClosedCapacity = 65_536;

    /// <summary>The interactive lane: opens, control frames, and every stream's first bytes.</summary>
    public INatsConnection Connection { get; }

    /// <summary>The bulk lane (a second connection), or null when this side has one lane only.</summary>
    public INatsConnection? BulkConnection { get; }

    public TunnelOptions Options { get; }

    public TunnelSide Side { get; }

    public ILogger Logger { get; }

    public KeyValuePair<string, object?> SideTag { get; }

    public int Count => _streams.Count;

    /// <summary>Highest inbox occupancy (window cost in bytes) any stream of this endpoint reached.</summary>
    public long PeakBufferedBytes => Interlocked.Read(ref _peakBuffered);

    public CancellationToken Stopping => _stopping.Token;

    public bool TryAdd(TunnelStream stream) => _streams.TryAdd(stream.Id, stream);

    public bool TryGet(string id, out TunnelStream stream) => _streams.TryGetValue(id, out stream!);

    /// <summary>True when <paramref name="id"/> belongs to a stream this side closed a moment ago.</summary>
    public bool RecentlyClosed(string id) => _recentlyClosed.Contains(id);

    public void Remove(TunnelStream stream)
    {
        // Only a stream the peer knows (and was told about) is remembered: one that died before the peer's
        // accept (an open the client gave up on) must still answer the peer's first frame with UNKNOWN_STREAM.
        if (_streams.TryRemove(new KeyValuePair<string, TunnelStream>(stream.Id, stream)) && stream.PeerSubject.Length > 0)
        {
            _recentlyClosed.Add(stream.Id);
        }

        if (_streams.IsEmpty)
        {
            Interlocked.Exchange(ref _emptied, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        var high = stream.BufferedHighWater;
        long seen;
        while (high > (seen = Interlocked.Read(ref _peakBuffered)) && Interlocked.CompareExchange(ref _peakBuffered, high, seen) != seen)
        {
        }
    }

    /// <summary>Completes once no stream is left (drain, and tests that assert nothing leaked).</summary>
    public async Task WhenNoStreamsAsync(CancellationToken cancellationToken = default)
    {
        while (!_streams.IsEmpty)
        {
            var emptied = Volatile.Read(ref _emptied).Task;
            if (_streams.IsEmpty)
            {
                return;
            }

            await emptied.WaitAsync(cancellationToken);
        }
    }

    /// <summary>
    /// Starts taking frames from <paramref name="subject"/> (and its bulk lane, when this side has one) and
    /// the keepalive sweep. <paramref name="accept"/> decides whether a frame may reach a stream; it gets the
    /// message, the stream and whether the frame came on the bulk lane.
    /// </summary>
    public async ValueTask StartAsync(string subject, Func<NatsMsg<TunnelFrame>, TunnelStream, bool, bool>? accept = null, CancellationToken cancellationToken = default)
    {
        var subscription = await Connection.SubscribeCoreAsync(subject, serializer: ProtobufNatsSerializer<TunnelFrame>.Instance,
            opts: FrameSubscriptionOptions, cancellationToken: cancellationToken);
        _loops.Add(DispatchAsync(subscription, accept, bulkLane: false));
        if (BulkConnection is { } bulk)
        {
            var bulkSubscription = await bulk.SubscribeCoreAsync(MeshSubjects.BulkLane(subject), serializer: ProtobufNatsSerializer<TunnelFrame>.Instance,
                opts: FrameSubscriptionOptions, cancellationToken: cancellationToken);
            // The interactive subscription is registered first, and the ping proves both are before callers route here.
            await bulk.PingAsync(cancellationToken);
            _loops.Add(DispatchAsync(bulkSubscription, accept, bulkLane: true));
        }

        _loops.Add(SweepAsync());
    }

    /// <summary>Resets every live stream (session end) and stops the loops.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await ResetAllAsync(ResetReason.SessionEnded, "the tunnel endpoint is shutting down");

        try
        {
            await Task.WhenAll(_loops).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException or NatsException)
        {
            // Loops end with the subscription; nothing is left to reclaim.
        }

        _stopping.Dispose();
    }

    /// <summary>Resets every live stream and waits (briefly) until the resets are on the wire.</summary>
    public async Task ResetAllAsync(ResetReason reason, string message)
    {
        var resets = new List<Task>();
        foreach (var stream in _streams.Values)
        {
            resets.Add(stream.ResetAndNotifyAsync(new TunnelException(TunnelFailure.Reset, message, reason), reason));
        }

        try
        {
            await Task.WhenAll(resets).WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (TimeoutException)
        {
            // A stuck connection: the peers' idle timeouts reclaim those streams.
        }
    }

    /// <summary>
    /// The NATS client's default for a full subscription channel is to drop the newest message. A dropped
    /// frame would corrupt a stream, so every tunnel subscription waits instead (bounded); the window
    /// keeps the channel short because each stream's inbox takes frames without ever blocking.
    /// </summary>
    internal static NatsSubOpts FrameSubscriptionOptions { get; } = new()
    {
        ChannelOpts = new NatsSubChannelOpts { Capacity = 4096, FullMode = System.Threading.Channels.BoundedChannelFullMode.Wait },
    };
}
