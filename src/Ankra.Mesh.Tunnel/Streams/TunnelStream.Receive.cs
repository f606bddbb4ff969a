using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>
/// Receiving: frames in by state, class and lane, sequence checks, window accounting (the reader's side is in
/// <c>TunnelStream.Read.cs</c>). What a frame means in each
/// state (see the states in <c>TunnelStream.cs</c>):
/// <list type="table">
/// <listheader><term>frame</term><description>open / half-closed (local) · half-closed (remote) · closed</description></listheader>
/// <item><term>ResponseHead, Data</term><description>queued for the reader within the window · protocol error (the peer
/// said it was done) · dropped</description></item>
/// <item><term>End, or Data with end_of_stream</term><description>queued; the stream becomes half-closed (remote) · protocol
/// error · dropped</description></item>
/// <item><term>WindowUpdate</term><description>adds send credit (ignored once this side ended) · same · dropped</description></item>
/// <item><term>Ping / Pong</term><description>answered / noted · same · dropped</description></item>
/// <item><term>Reset</term><description>aborts the stream; the reader gets the failure after the bytes already queued
/// · <b>only this side's sending stops</b>: the peer's body is complete and is delivered to the end (a peer that
/// finished and forgot the stream answers a late credit with a reset; that must never cut a tail) · dropped</description></item>
/// </list>
/// A stream that ended normally sends no more credit once the peer's End arrived, and its id stays known to
/// the endpoint for a while, so neither side provokes or answers a reset for a stream that simply finished.
/// <para>Sequences are counted per class: data (ResponseHead, Data, End) and control (WindowUpdate, Ping, Pong).
/// Control frames always use the interactive lane; data frames use it until the peer's
/// <c>bulk_lane_follows</c>, then the bulk lane — bulk frames that overtake that switch wait for it.</para>
/// </summary>
internal sealed partial class TunnelStream
{
    // At most this many bulk-lane frames wait for the interactive lane's switch frame (a window's worth at most).
    private const int MaxFramesBeforeSwitch = 4096;

    private readonly Lock _dataLock = new();
    private ulong _expectedDataSeq;
    private ulong _expectedControlSeq;
    private bool _dataOnBulkLaneReceived;
    private List<TunnelFrame>? _bulkBeforeSwitch;
    private long _buffered;
    private long _bufferedHighWater;
    private int _queuedFrames;
    private bool _acceptProcessed;
    private List<(TunnelFrame Frame, bool BulkLane)>? _beforeAccept;

    /// <summary>
    /// Takes one frame from the dispatcher. Never blocks: control frames act at once, data frames are
    /// queued within the window this side granted; anything else resets the stream.
    /// </summary>
    public void OnFrame(TunnelFrame frame, bool bulkLane = false)
    {
        lock (_stateLock)
        {
            if (!_acceptProcessed)
            {
                // The agent's accept (on the request-reply inbox) and its first frames (on the frame subject)
                // travel on two subscriptions: frames that overtake the accept wait until it has been taken.
                (_beforeAccept ??= []).Add((frame, bulkLane));
                return;
            }
        }

        ProcessFrame(frame, bulkLane);
    }

    /// <summary>
    /// The edge received the agent's accept: frames may go out, and the early head and body that came with
    /// it (if any) are taken before every frame, including frames that arrived first.
    /// </summary>
    public void Accepted(StreamAccepted accepted)
    {
        PeerSubject = accepted.InboundSubject;
        WindowGranted(accepted.InitialWindow);
        if (accepted.ResponseHead is { } head)
        {
            Apply(new TunnelFrame { ResponseHead = head });
            if (accepted.Data is { } data && (data.Payload.Length > 0 || data.EndOfStream))
            {
                Apply(new TunnelFrame { Data = data });
            }
        }

        while (true)
        {
            List<(TunnelFrame Frame, bool BulkLane)> early;
            lock (_stateLock)
            {
                if (_beforeAccept is not { Count: > 0 })
                {
                    _beforeAccept = null;
                    _acceptProcessed = true;
                    return;
                }

                early = _beforeAccept;
                _beforeAccept = [];
            }

            foreach (var (frame, bulkLane) in early)
            {
                ProcessFrame(frame, bulkLane);
            }
        }
    }

    private void ProcessFrame(TunnelFrame frame, bool bulkLane)
    {
        if (IsClosed)
        {
            return;
        }

        LastReceived = Environment.TickCount64;
        if (frame.KindCase == TunnelFrame.KindOneofCase.Reset)
        {
            // A reset sent behind the peer's bulk data waits with that data for the switch frame.
            if (!bulkLane || !HoldForSwitch(frame))
            {
                OnReset(frame.Reset);
            }

            return;
        }

        if (!IsDataClass(frame))
        {
            // Control frames come on the interactive lane only, in their own sequence.
            if (bulkLane)
            {
                Reset(new TunnelException(TunnelFailure.ProtocolError, $"{frame.KindCase} on the bulk lane"), ResetReason.ProtocolError);
            }
            else if (Sequenced(frame, ref _expectedControlSeq))
            {
                Apply(frame);
            }

            return;
        }

        // Data-class frames may come from two dispatch loops around a lane switch: one at a time, in order.
        lock (_dataLock)
        {
            if (bulkLane != _dataOnBulkLaneReceived)
            {
                if (bulkLane && (_bulkBeforeSwitch ??= []).Count < MaxFramesBeforeSwitch)
                {
                    // Overtook the interactive lane's last data frame: it waits for that frame.
                    _bulkBeforeSwitch.Add(frame);
                    return;
                }

                Reset(new TunnelException(TunnelFailure.ProtocolError, $"{frame.KindCase} on the {(bulkLane ? "bulk" : "interactive")} lane out of turn"), ResetReason.ProtocolError);
                return;
            }

            ApplyDataFrame(frame);
            if (frame.Data?.BulkLaneFollows == true && !_dataOnBulkLaneReceived)
            {
                _dataOnBulkLaneReceived = true;
                foreach (var held in _bulkBeforeSwitch ?? [])
                {
                    if (held.KindCase == TunnelFrame.KindOneofCase.Reset)
                    {
                        OnReset(held.Reset);
                    }
                    else
                    {
                        ApplyDataFrame(held);
                    }
                }

                _bulkBeforeSwitch = null;
            }
        }
    }

    // True when a bulk-lane frame must wait because the interactive lane's switch frame has not been taken yet.
    private bool HoldForSwitch(TunnelFrame frame)
    {
        lock (_dataLock)
        {
            if (_dataOnBulkLaneReceived)
            {
                return false;
            }

            (_bulkBeforeSwitch ??= []).Add(frame);
            return true;
        }
    }

    private void ApplyDataFrame(TunnelFrame frame)
    {
        if (Sequenced(frame, ref _expectedDataSeq))
        {
            Apply(frame);
        }
    }

    // True when the frame is the next of its class; a gap or a duplicate resets the stream.
    private bool Sequenced(TunnelFrame frame, ref ulong expected)
    {
        if (frame.Seq == expected)
        {
            expected++;
            return true;
        }

        var what = frame.Seq < expected ? "duplicate" : "gap";
        Reset(new TunnelException(TunnelFailure.ProtocolError, $"{frame.KindCase} sequence {what}: got {frame.Seq}, expected {expected}"), ResetReason.ProtocolError);
        return false;
    }

    private void Apply(TunnelFrame frame)
    {
        switch (frame.KindCase)
        {
            case TunnelFrame.KindOneofCase.WindowUpdate:
                _credit.Grant(frame.WindowUpdate.Increment);
                break;
            case TunnelFrame.KindOneofCase.Ping:
                _ = SendControlAsync(new TunnelFrame { Pong = new Pong { Nonce = frame.Ping.Nonce } });
                break;
            case TunnelFrame.KindOneofCase.Pong:
                break;
            case TunnelFrame.KindOneofCase.Data when !RemoteEndReceived:
                if (frame.Data.EndOfStream)
                {
                    lock (_stateLock)
                    {
                        _remoteEndReceived = true;
                    }
                }

                Enqueue(frame, FrameCost.Of(frame));
                break;
            case TunnelFrame.KindOneofCase.ResponseHead when !RemoteEndReceived:
                Enqueue(frame, 0);
                break;
            case TunnelFrame.KindOneofCase.End when !RemoteEndReceived:
                lock (_stateLock)
                {
                    _remoteEndReceived = true;
                }

                Enqueue(frame, 0);
                break;
            case TunnelFrame.KindOneofCase.Data or TunnelFrame.KindOneofCase.End or TunnelFrame.KindOneofCase.ResponseHead:
                Reset(new TunnelException(TunnelFailure.ProtocolError, $"{frame.KindCase} after the peer's End"), ResetReason.ProtocolError);
                break;
            default:
                Reset(new TunnelException(TunnelFailure.ProtocolError, $"unexpected frame {frame.KindCase}"), ResetReason.ProtocolError);
                break;
        }
    }

    // A reset is final whatever its sequence number: the sender has already dropped the stream.
    private void OnReset(Reset reset)
    {
        var failure = TunnelException.FromReset(reset);
        if (RemoteEndReceived)
        {
            // Half-closed (remote): everything the peer will ever send is queued, so the reader still gets
            // all of it and then a clean end. Only what this side still had to send is abandoned.
            StopSending(failure, reset.Reason);
            return;
        }

        Abort(failure, reset.Reason, "remote");
    }

    private void Enqueue(TunnelFrame frame, int cost)
    {
        var buffered = Interlocked.Add(ref _buffered, cost);
        if (buffered > ReceiveWindow || Interlocked.Increment(ref _queuedFrames) > MaxQueuedFrames || !_inbox.Writer.TryWrite(frame))
        {
            Reset(new TunnelException(TunnelFailure.ProtocolError, $"the peer exceeded the stream window of {ReceiveWindow} bytes"), ResetReason.FlowControlError);
            return;
        }

        if (buffered > Interlocked.Read(ref _bufferedHighWater))
        {
            Interlocked.Exchange(ref _bufferedHighWater, buffered);
        }

        if (frame.KindCase == TunnelFrame.KindOneofCase.End || frame.Data?.EndOfStream == true)
        {
            _inbox.Writer.TryComplete();
        }
    }
}
