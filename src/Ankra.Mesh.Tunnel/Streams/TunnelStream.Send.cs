using Ankra.Mesh.Contracts.Subjects;
using Ankra.Mesh.Contracts.V1;
using Ankra.Mesh.Tunnel.Diagnostics;
using Ankra.Mesh.Tunnel.Framing;
using Google.Protobuf;
using NATS.Client.Core;

namespace Ankra.Mesh.Tunnel.Streams;

/// <summary>Sending: one sequence per direction, Data only within the peer's window.</summary>
internal sealed partial class TunnelStream
{
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private ulong _nextDataSeq;
    private ulong _nextControlSeq;
    private long _dataBytesSent;
    private bool _dataOnBulkLane;

    /// <summary>
    /// Sends <paramref name="data"/> as Data frames of at most <see cref="TunnelOptions.ChunkSize"/>,
    /// each after taking its cost from the peer's window; with <paramref name="endOfStream"/> the last one
    /// also half-closes this side. The bytes are wrapped, not copied: the NATS client has serialized them
    /// into its own buffer when the publish completes.
    /// </summary>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, bool endOfStream, CancellationToken cancellationToken = default)
    {
        if (data.IsEmpty)
        {
            if (endOfStream)
            {
                await EndAsync(cancellationToken);
            }

            return;
        }

        var chunkSize = _endpoint.Options.ChunkSize;
        while (!data.IsEmpty)
        {
            var chunk = data[..Math.Min(chunkSize, data.Length)];
            data = data[chunk.Length..];
            var last = endOfStream && data.IsEmpty;
            await _credit.AcquireAsync(FrameCost.Of(chunk.Length), cancellationToken);
            await SendFrameAsync(new TunnelFrame { Data = new Data { Payload = UnsafeByteOperations.UnsafeWrap(chunk), EndOfStream = last } }, cancellationToken);
            TunnelTelemetry.Bytes.Add(chunk.Length, _endpoint.SideTag, new("direction", "sent"));
        }

        if (endOfStream)
        {
            MarkLocalEnded();
        }
    }

    /// <summary>Sends <paramref name="data"/> as Data frames; the stream stays open this way.</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
        WriteAsync(data, endOfStream: false, cancellationToken);

    /// <summary>Takes window credit for body bytes that travel with the accept (an early response).</summary>
    public bool TryTakeCredit(int payloadLength) => _credit.TryTake(FrameCost.Of(payloadLength));

    /// <summary>The accept carried the end of the response: this side's direction is done.</summary>
    public void EndedWithAccept() => MarkLocalEnded();

    /// <summary>Half-closes this side's direction.</summary>
    public async ValueTask EndAsync(CancellationToken cancellationToken = default)
    {
        await SendFrameAsync(new TunnelFrame { End = new End() }, cancellationToken);
        MarkLocalEnded();
    }

    /// <summary>Sends the response head (agent side).</summary>
    public ValueTask SendHeadAsync(ResponseHead head, CancellationToken cancellationToken = default) =>
        SendFrameAsync(new TunnelFrame { ResponseHead = head }, cancellationToken);

    /// <summary>Sends a Ping from the keepalive sweeper; failures surface through the idle timeout.</summary>
    public Task PingAsync() => SendControlAsync(new TunnelFrame { Ping = new Ping { Nonce = (ulong)Environment.TickCount64 } });

    private async Task SendControlAsync(TunnelFrame frame, CancellationToken cancellationToken = default)
    {
        try
        {
            await SendFrameAsync(frame, cancellationToken);
        }
        catch (Exception e) when (e is TunnelException or OperationCanceledException or NatsException)
        {
            // A control frame of a stream that is ending; the stream's own path reports the failure.
        }
    }

    private async ValueTask SendFrameAsync(TunnelFrame frame, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            if (IsClosed || _sendFailure is not null)
            {
                throw _sendFailure ?? _failure ?? new TunnelException(TunnelFailure.Cancelled, "the stream is closed");
            }

            if (PeerSubject.Length == 0)
            {
                // Before the agent accepted there is nowhere to send, and no sequence number is spent.
                throw new TunnelException(TunnelFailure.Cancelled, "the stream is not open yet");
            }

            // Sequence and publish under one lock so frames leave in sequence order (per class and lane).
            frame.StreamId = Id;
            var connection = _endpoint.Connection;
            var subject = PeerSubject;
            if (IsDataClass(frame))
            {
                frame.Seq = _nextDataSeq++;
                if (_dataOnBulkLane)
                {
                    connection = _endpoint.BulkConnection!;
                    subject = MeshSubjects.BulkLane(PeerSubject);
                }
                else if (ShouldMoveToBulkLane(frame))
                {
                    // This frame is the last on the interactive lane; the receiver holds back bulk frames until it.
                    frame.Data.BulkLaneFollows = true;
                    _dataOnBulkLane = true;
                }
            }
            else
            {
                frame.Seq = _nextControlSeq++;
            }

            await connection.PublishAsync(subject, frame, replyTo: LocalSubject,
                serializer: ProtobufNatsSerializer<TunnelFrame>.Instance, cancellationToken: cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>ResponseHead, Data and End: ordered among themselves, on the stream's data lane.</summary>
    internal static bool IsDataClass(TunnelFrame frame) => frame.KindCase is TunnelFrame.KindOneofCase.Data
        or TunnelFrame.KindOneofCase.End or TunnelFrame.KindOneofCase.ResponseHead;

    // A long transfer moves to the bulk lane once it has sent the threshold, with a Data frame that is not its
    // last (a stream ending now gains nothing from a second lane).
    private bool ShouldMoveToBulkLane(TunnelFrame frame)
    {
        if (frame.KindCase != TunnelFrame.KindOneofCase.Data || frame.Data.EndOfStream || _endpoint.BulkConnection is null)
        {
            return false;
        }

        _dataBytesSent += frame.Data.Payload.Length;
        return _dataBytesSent >= _endpoint.Options.BulkLaneThreshold;
    }

    private async Task SendResetAsync(ResetReason reason, string message)
    {
        if (PeerSubject.Length == 0)
        {
            return;
        }

        try
        {
            // Outside the send lock: a reset is accepted whatever its sequence number.
            // On the data lane: a reset that follows this side's End (the rest of a request body is not needed)
            // must not overtake the End and the last bytes on the other lane.
            var frame = new TunnelFrame { StreamId = Id, Reset = new Reset { Reason = reason, Message = message } };
            var (connection, subject) = Volatile.Read(ref _dataOnBulkLane)
                ? (_endpoint.BulkConnection!, MeshSubjects.BulkLane(PeerSubject))
                : (_endpoint.Connection, PeerSubject);
            await connection.PublishAsync(subject, frame, serializer: ProtobufNatsSerializer<TunnelFrame>.Instance);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException or ObjectDisposedException)
        {
            // The peer finds out through its idle timeout.
        }
    }
}
