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
    private ulong _nextSeq;

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

            // Sequence and publish under one lock so frames leave in sequence order.
            frame.StreamId = Id;
            frame.Seq = _nextSeq++;
            await _endpoint.Connection.PublishAsync(PeerSubject, frame, replyTo: LocalSubject,
                serializer: ProtobufNatsSerializer<TunnelFrame>.Instance, cancellationToken: cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
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
            var frame = new TunnelFrame { StreamId = Id, Seq = _nextSeq, Reset = new Reset { Reason = reason, Message = message } };
            await _endpoint.Connection.PublishAsync(PeerSubject, frame, serializer: ProtobufNatsSerializer<TunnelFrame>.Instance);
        }
        catch (Exception e) when (e is OperationCanceledException or NatsException or ObjectDisposedException)
        {
            // The peer finds out through its idle timeout.
        }
    }
}
