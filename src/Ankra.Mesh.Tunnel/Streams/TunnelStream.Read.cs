using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>
/// Reading: the one reader of a stream takes the head, then body (or pipe) bytes, and returns credit to the peer
/// as it consumes them. The end of the body stays the end, whatever happens to the stream afterwards.
/// </summary>
internal sealed partial class TunnelStream
{
    private long _consumedNotGranted;
    private ReadOnlyMemory<byte> _current;
    private int _currentCost;
    private bool _endAfterCurrent;

    /// <summary>True when nothing of the body (nor its end) has arrived for the reader yet.</summary>
    public bool IsAwaitingBody => _current.IsEmpty && Volatile.Read(ref _queuedFrames) == 0 && !IsClosed;

    /// <summary>Most frames the inbox may hold: a peer within its window never gets there.</summary>
    private int MaxQueuedFrames { get; }

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
        if (RemoteEnded && _current.IsEmpty)
        {
            // The peer's End was taken: the end of the body stays the end, even if the stream is reset later.
            return 0;
        }

        while (_current.IsEmpty)
        {
            if (_currentCost > 0)
            {
                await ConsumedAsync(_currentCost, cancellationToken);
                _currentCost = 0;
            }

            if (_endAfterCurrent)
            {
                MarkRemoteEnded();
                return 0;
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
            _endAfterCurrent = frame.Data.EndOfStream;
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
                Interlocked.Decrement(ref _queuedFrames);
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

    private async ValueTask ConsumedAsync(int cost, CancellationToken cancellationToken)
    {
        Interlocked.Add(ref _buffered, -cost);
        _consumedNotGranted += cost;
        // Grant in quarters of the window: few WindowUpdates, and the peer never runs dry while we read.
        // Once the peer's End arrived it sends nothing more: credit then would only reach a stream it forgot.
        if (_consumedNotGranted >= ReceiveWindow / 4 && !RemoteEndReceived && !IsClosed)
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
