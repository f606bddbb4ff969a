using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>Receiving: sequence checks, window accounting, handing bytes to one reader.</summary>
internal sealed partial class TunnelStream
{
    private ulong _expectedSeq;
    private long _buffered;
    private long _bufferedHighWater;
    private long _consumedNotGranted;
    private ReadOnlyMemory<byte> _current;
    private int _currentCost;

    /// <summary>
    /// Takes one frame from the dispatcher. Never blocks: control frames act at once, data frames are
    /// queued within the window this side granted; anything else resets the stream.
    /// </summary>
    public void OnFrame(TunnelFrame frame)
    {
        if (IsClosed)
        {
            return;
        }

        LastReceived = Environment.TickCount64;
        if (frame.KindCase == TunnelFrame.KindOneofCase.Reset)
        {
            // A reset is final whatever its sequence number: the sender has already dropped the stream.
            Abort(TunnelException.FromReset(frame.Reset), frame.Reset.Reason, "remote");
            return;
        }

        if (frame.Seq != _expectedSeq)
        {
            var what = frame.Seq < _expectedSeq ? "duplicate" : "gap";
            Reset(new TunnelException(TunnelFailure.ProtocolError, $"frame sequence {what}: got {frame.Seq}, expected {_expectedSeq}"), ResetReason.ProtocolError);
            return;
        }

        _expectedSeq++;
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
            case TunnelFrame.KindOneofCase.Data:
                Enqueue(frame, FrameCost.Of(frame));
                break;
            case TunnelFrame.KindOneofCase.End:
            case TunnelFrame.KindOneofCase.ResponseHead:
                Enqueue(frame, 0);
                break;
            default:
                Reset(new TunnelException(TunnelFailure.ProtocolError, $"unexpected frame {frame.KindCase}"), ResetReason.ProtocolError);
                break;
        }
    }

    /// <summary>The edge's first inbound frame: the response head.</summary>
    public async ValueTask<ResponseHead> ReadHeadAsync(CancellationToken cancellationToken = default)
    {
        var frame = await NextFrameAsync(cancellationToken);
        return frame?.KindCase == TunnelFrame.KindOneofCase.ResponseHead
            ? frame.ResponseHead
            : throw ProtocolViolation($"expected a response head, got {frame?.KindCase.ToString() ?? "the end of the stream"}");
    }

    /// <summary>Reads body (or pipe) bytes; 0 after the peer's End. Returns credit as bytes are consumed.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (_current.IsEmpty)
        {
            if (_currentCost > 0)
            {
                await ConsumedAsync(_currentCost, cancellationToken);
                _currentCost = 0;
            }

            var frame = await NextFrameAsync(cancellationToken);
            if (frame is null)
            {
                return 0;
            }

            if (frame.KindCase == TunnelFrame.KindOneofCase.End)
            {
                MarkRemoteEnded();
                return 0;
            }

            if (frame.KindCase != TunnelFrame.KindOneofCase.Data)
            {
                throw ProtocolViolation($"unexpected {frame.KindCase} in a body");
            }

            _current = frame.Data.Payload.Memory;
            _currentCost = FrameCost.Of(frame);
            TunnelTelemetry.Bytes.Add(_current.Length, _endpoint.SideTag, new("direction", "received"));
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    private async ValueTask<TunnelFrame?> NextFrameAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            // A peer's End already queued wins over a later failure: a complete body is never thrown away.
            if (_inbox.Reader.TryRead(out var frame))
            {
                return frame;
            }

            if (_failure is { } failure)
            {
                throw failure;
            }

            try
            {
                if (!await _inbox.Reader.WaitToReadAsync(cancellationToken))
                {
                    return null;
                }
            }
            catch (TunnelException)
            {
                // Completed with the failure; drain what is left first, then throw it above.
            }
        }
    }

    private void Enqueue(TunnelFrame frame, int cost)
    {
        var buffered = Interlocked.Add(ref _buffered, cost);
        if (buffered > ReceiveWindow || !_inbox.Writer.TryWrite(frame))
        {
            Reset(new TunnelException(TunnelFailure.ProtocolError, $"the peer exceeded the stream window of {ReceiveWindow} bytes"), ResetReason.FlowControlError);
            return;
        }

        if (buffered > Interlocked.Read(ref _bufferedHighWater))
        {
            Interlocked.Exchange(ref _bufferedHighWater, buffered);
        }

        if (frame.KindCase == TunnelFrame.KindOneofCase.End)
        {
            _inbox.Writer.TryComplete();
        }
    }

    private async ValueTask ConsumedAsync(int cost, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _buffered, -cost);
        _consumedNotGranted += cost;
        // Grant in quarters of the window: few WindowUpdates, and the peer never runs dry while we read.
        if (_consumedNotGranted >= ReceiveWindow / 4 && !_remoteEnded && !IsClosed)
        {
            var increment = (uint)_consumedNotGranted;
            _consumedNotGranted = 0;
            await SendControlAsync(new TunnelFrame { WindowUpdate = new WindowUpdate { Increment = increment } }, cancellationToken);
        }
    }

    private TunnelException ProtocolViolation(string message)
    {
        var failure = new TunnelException(TunnelFailure.ProtocolError, message);
        Reset(failure, ResetReason.ProtocolError);
        return failure;
    }
}
