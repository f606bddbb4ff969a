using System.Buffers;
using System.Buffers.Binary;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// One frame as read from the wire. The payload lives in a pooled buffer that <see cref="Dispose"/>
/// returns; data frames are handed on (copied into the stream's pipe) before disposal.
/// </summary>
internal readonly struct SpdyFrame : IDisposable
{
    private readonly byte[]? _buffer;

    public SpdyFrame(SpdyFrameType type, byte flags, uint streamId, byte[]? buffer, int length)
    {
        Type = type;
        Flags = flags;
        StreamId = streamId;
        _buffer = buffer;
        Length = length;
    }

    /// <summary>The control frame type, or <see cref="SpdyFrameType.Data"/>.</summary>
    public SpdyFrameType Type { get; }

    /// <summary>The frame's flag byte.</summary>
    public byte Flags { get; }

    /// <summary>For DATA frames the stream id from the header; for control frames 0 until parsed.</summary>
    public uint StreamId { get; }

    /// <summary>Payload length in bytes.</summary>
    public int Length { get; }

    /// <summary>The payload (everything after the 8-byte frame header).</summary>
    public ReadOnlyMemory<byte> Payload => _buffer is null ? ReadOnlyMemory<byte>.Empty : _buffer.AsMemory(0, Length);

    /// <summary>True when FLAG_FIN is set.</summary>
    public bool IsFin => (Flags & SpdyFlags.Fin) != 0;

    /// <summary>Reads the 31-bit stream id at <paramref name="offset"/> of the payload (control frames).</summary>
    public uint ReadStreamId(int offset = 0) =>
        Length < offset + 4 ? 0 : BinaryPrimitives.ReadUInt32BigEndian(Payload.Span[offset..]) & 0x7fffffff;

    /// <summary>Reads the 32-bit word at <paramref name="offset"/> of the payload.</summary>
    public uint ReadUInt32(int offset) =>
        Length < offset + 4 ? 0 : BinaryPrimitives.ReadUInt32BigEndian(Payload.Span[offset..]);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }
    }
}
