using System.Buffers;
using System.Buffers.Binary;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// Writes SPDY/3 frames. Every frame goes out whole under one lock, because frames of different
/// streams share the connection and the header compression context is ordered.
/// </summary>
internal sealed class SpdyFrameWriter(Stream output) : IDisposable
{
    /// <summary>Largest DATA payload we send in one frame; larger writes are split.</summary>
    public const int MaxDataPayload = 32 * 1024;

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SpdyHeaderCompressor _compressor = new();

    /// <summary>Accepts stream <paramref name="streamId"/> (SYN_REPLY with an empty header block).</summary>
    public async ValueTask WriteSynReplyAsync(uint streamId, CancellationToken cancellationToken = default)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            var block = _compressor.Compress(SpdyHeaderBlock.Encode([]));
            var frame = new byte[8 + 4 + block.Length];
            WriteControlHeader(frame, SpdyFrameType.SynReply, 0, 4 + block.Length);
            BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), streamId & 0x7fffffff);
            block.CopyTo(frame.AsSpan(12));
            await output.WriteAsync(frame, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Sends <paramref name="data"/> on a stream, split into frames; <paramref name="fin"/> half-closes it.</summary>
    public async ValueTask WriteDataAsync(uint streamId, ReadOnlyMemory<byte> data, bool fin, CancellationToken cancellationToken = default)
    {
        do
        {
            var chunk = data[..Math.Min(data.Length, MaxDataPayload)];
            data = data[chunk.Length..];
            var last = data.IsEmpty;
            var frame = ArrayPool<byte>.Shared.Rent(8 + chunk.Length);
            try
            {
                BinaryPrimitives.WriteUInt32BigEndian(frame, streamId & 0x7fffffff);
                BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(4), ((uint)(fin && last ? SpdyFlags.Fin : 0) << 24) | (uint)chunk.Length);
                chunk.CopyTo(frame.AsMemory(8));
                await WriteRawAsync(frame.AsMemory(0, 8 + chunk.Length), cancellationToken);
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(frame);
            }
        }
        while (!data.IsEmpty);
    }

    /// <summary>Aborts a stream (RST_STREAM with <paramref name="status"/>, e.g. 5 = CANCEL).</summary>
    public ValueTask WriteRstStreamAsync(uint streamId, uint status, CancellationToken cancellationToken = default) =>
        WriteControlAsync(SpdyFrameType.RstStream, streamId & 0x7fffffff, status, cancellationToken);

    /// <summary>Answers (echoes) a PING.</summary>
    public ValueTask WritePingAsync(uint id, CancellationToken cancellationToken = default)
    {
        var frame = new byte[12];
        WriteControlHeader(frame, SpdyFrameType.Ping, 0, 4);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), id);
        return WriteRawAsync(frame, cancellationToken);
    }

    /// <summary>Tells the peer we are closing (GOAWAY; status 0 = OK, 1 = PROTOCOL_ERROR).</summary>
    public ValueTask WriteGoAwayAsync(uint lastGoodStreamId, uint status, CancellationToken cancellationToken = default) =>
        WriteControlAsync(SpdyFrameType.GoAway, lastGoodStreamId & 0x7fffffff, status, cancellationToken);

    /// <inheritdoc />
    public void Dispose() => _lock.Dispose();

    private ValueTask WriteControlAsync(SpdyFrameType type, uint first, uint second, CancellationToken cancellationToken)
    {
        var frame = new byte[16];
        WriteControlHeader(frame, type, 0, 8);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(8), first);
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(12), second);
        return WriteRawAsync(frame, cancellationToken);
    }

    private async ValueTask WriteRawAsync(ReadOnlyMemory<byte> frame, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await output.WriteAsync(frame, cancellationToken);
            await output.FlushAsync(cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    private static void WriteControlHeader(Span<byte> frame, SpdyFrameType type, byte flags, int length)
    {
        BinaryPrimitives.WriteUInt32BigEndian(frame, 0x80000000u | (3u << 16) | (ushort)type);
        BinaryPrimitives.WriteUInt32BigEndian(frame[4..], ((uint)flags << 24) | (uint)length);
    }
}
