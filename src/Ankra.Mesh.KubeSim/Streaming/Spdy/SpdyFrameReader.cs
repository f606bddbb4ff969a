using System.Buffers;
using System.Buffers.Binary;

namespace Ankra.Mesh.KubeSim.Streaming.Spdy;

/// <summary>
/// Reads SPDY/3 frames from a byte stream. Layout (draft 3, section 2.2): a control frame starts with
/// the control bit, a 15-bit version and a 16-bit type; a data frame with a 0 bit and a 31-bit
/// stream id. Both continue with 8 bits of flags and a 24-bit payload length.
/// </summary>
internal sealed class SpdyFrameReader(Stream input)
{
    // kubectl writes at most 32 KiB of stdin/port data per frame; anything near the 16 MiB the
    // 24-bit length allows would only be a way to make the simulator allocate without bound.
    private const int MaxPayloadLength = 1 << 20;

    private readonly byte[] _header = new byte[8];

    /// <summary>Reads the next frame, or returns null at a clean end of the stream.</summary>
    public async ValueTask<SpdyFrame?> ReadFrameAsync(CancellationToken cancellationToken = default)
    {
        var read = await input.ReadAtLeastAsync(_header, _header.Length, throwOnEndOfStream: false, cancellationToken);
        if (read == 0)
        {
            return null;
        }

        if (read < _header.Length)
        {
            throw new SpdyProtocolException("the connection ended inside a frame header");
        }

        var first = BinaryPrimitives.ReadUInt32BigEndian(_header);
        var second = BinaryPrimitives.ReadUInt32BigEndian(_header.AsSpan(4));
        var flags = (byte)(second >> 24);
        var length = (int)(second & 0xffffff);
        if (length > MaxPayloadLength)
        {
            throw new SpdyProtocolException($"frame of {length} bytes exceeds the {MaxPayloadLength}-byte limit");
        }

        byte[]? buffer = null;
        if (length > 0)
        {
            buffer = ArrayPool<byte>.Shared.Rent(length);
            await input.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken);
        }

        if ((first & 0x80000000) == 0)
        {
            return new SpdyFrame(SpdyFrameType.Data, flags, first & 0x7fffffff, buffer, length);
        }

        var version = (first >> 16) & 0x7fff;
        if (version != 3)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            throw new SpdyProtocolException($"SPDY version {version} is not supported (only 3)");
        }

        return new SpdyFrame((SpdyFrameType)(first & 0xffff), flags, 0, buffer, length);
    }
}
