using System.Diagnostics;
using System.Threading.Channels;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.FlowControl;
using Ankra.Mesh.Tunnel.Framing;
using Microsoft.Extensions.Logging;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>
/// One logical stream (one proxied HTTP request) on either side. Split by concern:
/// <c>TunnelStream.Receive.cs</c> takes frames from the dispatcher and hands bytes to a reader (its header
/// states the frame rules per state), <c>TunnelStream.Send.cs</c> sends frames within the peer's window.
/// <para>States, as HTTP/2 names them (RFC 9113 §5.1): <b>open</b> (both directions may carry Data);
/// <b>half-closed (local)</b> once this side sent End; <b>half-closed (remote)</b> once the peer's End was
/// <i>received</i> (queued for the reader — from then on the received body is complete, whatever happens
/// later); <b>closed</b> once both directions ended and the reader took the End, or on a reset. A request
/// without a body starts half-closed on both sides for that direction.</para>
/// Its state is reclaimed exactly once, in <see cref="Close"/>, on every path: both directions ended, reset
/// either way, idle timeout, endpoint end. The endpoint then remembers the id for a while, so late frames of
/// a stream that ended normally are dropped instead of being answered with a reset.
/// </summary>
internal sealed partial class TunnelStream
{
    private readonly TunnelEndpoint _endpoint;
    private readonly Channel<TunnelFrame> _inbox;
    private readonly SendCredit _credit;
    private readonly CancellationTokenSource _aborted = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _startedTicks = Stopwatch.GetTimestamp();
    private readonly Lock _stateLock = new();
    private bool _localEnded;
    private bool _remoteEndReceived;
    private bool _remoteEnded;
    private bool _isClosed;
    private TunnelException? _failure;
    private TunnelException? _sendFailure;

    public TunnelStream(TunnelEndpoint endpoint, string id, string localSubject, long peerWindow, bool requestHasNoBody)
    {
        _endpoint = endpoint;
        Id = id;
        LocalSubject = localSubject;
        _credit = new SendCredit(peerWindow);
        ReceiveWindow = endpoint.Options.WindowSize;
        // Bounded by the window, not by the channel: Enqueue counts every frame's cost (at least DataOverhead for
        // Data) and resets a peer that exceeds it, so at most MaxQueuedFrames wait here. The single-reader unbounded
        // channel takes no lock per frame; a bounded one did, and its reader and the dispatcher contended for it.
        MaxQueuedFrames = (ReceiveWindow / FrameCost.DataOverhead) + 16;
        _inbox = Channel.CreateUnbounded<TunnelFrame>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });
        LastReceived = Environment.TickCount64;
        LastPingSent = LastReceived;
        // Only the edge waits for an accept; the agent created the stream by accepting it.
        _acceptProcessed = endpoint.Side == TunnelSide.Agent;
        if (requestHasNoBody)
        {
            // The edge side never sends a body; the agent side never receives one.
            if (endpoint.Side == TunnelSide.Edge)
            {
                _localEnded = true;
            }
            else
            {
                _remoteEndReceived = true;
                _remoteEnded = true;
            }
        }

        TunnelTelemetry.OpenStreams.Add(1, endpoint.SideTag);
    }

    public string Id { get; }

    /// <summary>The subject the peer's frames for this stream arrive on (sent as NATS reply-to).</summary>
    public string LocalSubject { get; }

    /// <summary>The subject this side's frames go to; known on the edge once the agent accepted.</summary>
    public string PeerSubject { get; set; } = string.Empty;

    /// <summary>Bytes this side lets the peer send before granting more.</summary>
    public int ReceiveWindow { get; }

    /// <summary>Cancelled when the stream is reset or closed; copy loops link to it.</summary>
    public CancellationToken Aborted => _aborted.Token;

    /// <summary>Completes when the stream's state has been reclaimed.</summary>
    public Task Closed => _closed.Task;

    public bool IsClosed => Volatile.Read(ref _isClosed);

    /// <summary>True once this side sent its End (or had nothing to send).</summary>
    public bool LocalEnded => Volatile.Read(ref _localEnded);

    /// <summary>True once the reader took the peer's End (or the peer had nothing to send).</summary>
    public bool RemoteEnded => Volatile.Read(ref _remoteEnded);

    /// <summary>True once the peer's End arrived (half-closed remote): everything it will send is here.</summary>
    public bool RemoteEndReceived => Volatile.Read(ref _remoteEndReceived);

    public TunnelException? Failure => Volatile.Read(ref _failure);

    public long LastReceived { get; private set; }

    public long LastPingSent { get; set; }

    /// <summary>Most bytes (window cost) this stream held in its inbox at any time.</summary>
    public long BufferedHighWater => Interlocked.Read(ref _bufferedHighWater);

    public void WindowGranted(long increment) => _credit.Grant(increment);

    /// <summary>After a 101 both directions carry the byte pipe, whatever the request said about its body.</summary>
    public void ReopenForUpgrade()
    {
        lock (_stateLock)
        {
            _localEnded = false;
            _remoteEndReceived = false;
            _remoteEnded = false;
        }
    }

    /// <summary>Aborts the stream locally and tells the peer why.</summary>
    public void Reset(TunnelException failure, ResetReason reason) => _ = ResetAndNotifyAsync(failure, reason);

    /// <summary>Aborts the stream locally; completes once the Reset frame was handed to NATS.</summary>
    public Task ResetAndNotifyAsync(TunnelException failure, ResetReason reason) =>
        Abort(failure, reason, "local") ? SendResetAsync(reason, failure.Message) : Task.CompletedTask;

    /// <summary>Marks the stream failed and reclaims it; false when it was already closed.</summary>
    public bool Abort(TunnelException failure, ResetReason reason, string origin)
    {
        lock (_stateLock)
        {
            if (_isClosed)
            {
                return false;
            }

            _failure = failure;
        }

        TunnelTelemetry.Resets.Add(1, _endpoint.SideTag, new("reason", reason.ToString()), new("origin", origin));
        TunnelLog.StreamReset(_endpoint.Logger, Id, origin, reason, failure);
        _credit.Fail(failure);
        _inbox.Writer.TryComplete(failure);
        Close("reset");
        return true;
    }

    /// <summary>
    /// The peer reset a stream whose End already arrived: this side sends nothing more (a writer still
    /// uploading fails), while the reader keeps the complete body. The stream closes once the reader took the End.
    /// </summary>
    private void StopSending(TunnelException failure, ResetReason reason)
    {
        lock (_stateLock)
        {
            if (_isClosed || _localEnded)
            {
                return;
            }

            _sendFailure = failure;
        }

        TunnelLog.StreamReset(_endpoint.Logger, Id, "remote, after its end", reason, failure);
        _credit.Fail(failure);
        EndDirection(local: true, "reset after end");
    }

    private void MarkLocalEnded() => EndDirection(local: true);

    private void MarkRemoteEnded() => EndDirection(local: false);

    private void EndDirection(bool local, string outcome = "completed")
    {
        lock (_stateLock)
        {
            if (local)
            {
                _localEnded = true;
            }
            else
            {
                _remoteEnded = true;
            }

            if (!_localEnded || !_remoteEnded)
            {
                return;
            }
        }

        Close(outcome);
    }

    private void Close(string outcome)
    {
        lock (_stateLock)
        {
            if (_isClosed)
            {
                return;
            }

            _isClosed = true;
        }

        _credit.Fail(_failure ?? new TunnelException(TunnelFailure.Cancelled, "the stream is closed"));
        // Callbacks run on the thread pool, never inline on the dispatcher that may be closing us.
        _ = _aborted.CancelAsync();
        _endpoint.Remove(this);
        TunnelTelemetry.OpenStreams.Add(-1, _endpoint.SideTag);
        TunnelTelemetry.StreamDuration.Record(Stopwatch.GetElapsedTime(_startedTicks).TotalSeconds, _endpoint.SideTag, new("outcome", outcome));
        _closed.TrySetResult();
    }
}
